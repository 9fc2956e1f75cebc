-- Repeatable migration: the current text of every function below. Flyway re-applies it whenever this
-- file changes, after all versioned migrations of the run; edit the function here, never in a V file.
-- See db-migrations/README.md for the rules.
--
-- Organisation defaults: where an agent nobody assigned belongs.

-- agentobs_infer_department_code: the department code of an agent id by its pattern ('support-bot%' ->
-- support, 'sales-agent%' -> sales, 'eng-%' -> engineering, a known department as the first dash-separated
-- part -> that department, anything else -> engineering).
-- Why: one rule for the V002 backfill, ingestion's registration of unknown agents and the seeder.
CREATE OR REPLACE FUNCTION agentobs_infer_department_code(p_agent_id TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE
           WHEN p_agent_id LIKE 'support-bot%' THEN 'support'
           WHEN p_agent_id LIKE 'sales-agent%' THEN 'sales'
           WHEN p_agent_id LIKE 'eng-%' THEN 'engineering'
           WHEN split_part(p_agent_id, '-', 1) IN ('engineering', 'sales', 'support', 'marketing', 'finance',
                                                   'hr', 'operations', 'product', 'data', 'legal')
               THEN split_part(p_agent_id, '-', 1)
           ELSE 'engineering'
           END
$$;

-- agentobs_department_name: the display name of a department code (known codes by name, others initcap).
-- Why: departments created from an inferred code get a readable name.
CREATE OR REPLACE FUNCTION agentobs_department_name(p_code TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE p_code
           WHEN 'engineering' THEN 'Engineering'
           WHEN 'sales' THEN 'Sales'
           WHEN 'support' THEN 'Customer Support'
           WHEN 'marketing' THEN 'Marketing'
           WHEN 'finance' THEN 'Finance'
           WHEN 'hr' THEN 'Human Resources'
           WHEN 'operations' THEN 'Operations'
           WHEN 'product' THEN 'Product Management'
           WHEN 'data' THEN 'Data Science'
           WHEN 'legal' THEN 'Legal'
           ELSE initcap(replace(p_code, '-', ' '))
           END
$$;
