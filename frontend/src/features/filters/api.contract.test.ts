import { describe, it } from 'vitest';
import { QUERY, expectCovers, expectStrict } from '../../test/javaRecords';
import { departmentSchema, environmentSchema, versionSchema } from './api';

describe('filter option schemas are strict and cover the query-service records', () => {
  it('filters', () => {
    const f = `${QUERY}agents/AgentResponses.java`;
    expectCovers(departmentSchema, f, 'DepartmentOption');
    expectCovers(environmentSchema, f, 'EnvironmentOption');
    expectCovers(versionSchema, f, 'VersionOption');
    [departmentSchema, environmentSchema, versionSchema].forEach(expectStrict);
  });
});
