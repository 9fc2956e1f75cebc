package com.agentobs.evaluation.rubric;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

/** Parameters and inverses of the rubric actions (stored on their audit rows). */
final class RubricParams {

	private RubricParams() {
	}

	/** A list of ids as sent: absent is empty; a null or blank element is a 400 naming its index. */
	static List<String> ids(List<String> values, String field) {
		if (values == null) {
			return List.of();
		}
		for (int i = 0; i < values.size(); i++) {
			if (values.get(i) == null || values.get(i).isBlank()) {
				throw ApiException.validation(field + "[" + i + "]", "must not be empty");
			}
		}
		return List.copyOf(values);
	}

	/** {@code rubric.create}. */
	record Create(RubricDefinition definition, List<String> agentIds, List<String> departments) {

		Create {
			agentIds = ids(agentIds, "agent_ids");
			departments = ids(departments, "departments");
		}

	}

	/** {@code rubric.update}: the new version's definition. */
	record Update(UUID rubricId, RubricDefinition definition) {
	}

	/** {@code rubric.assign}: the agents and departments it scores from now on (both empty = all). */
	record Assign(UUID rubricId, List<String> agentIds, List<String> departments) {

		Assign {
			agentIds = ids(agentIds, "agent_ids");
			departments = ids(departments, "departments");
		}

	}

	/** {@code rubric.archive}; also the inverse of a create (undo = archive what was created). */
	record Ref(UUID rubricId) {
	}

	/** Inverse of an update: the version, name and description that were current. */
	record VersionRestore(UUID rubricId, int version, String name, String description) {
	}

	/** Inverse of an archive: the previous {@code archived_at} (null = live). */
	record ArchiveRestore(UUID rubricId, Instant archivedAt) {
	}

}
