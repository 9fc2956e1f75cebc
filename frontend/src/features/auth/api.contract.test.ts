import { describe, it } from 'vitest';
import { expectCovers, expectStrict } from '../../test/javaRecords';
import { tokensSchema, userSchema, workspaceSchema } from './api';

describe('auth schemas are strict and cover the gateway records', () => {
  it('tokens', () => {
    const f = 'gateway-service/src/main/java/com/agentobs/gateway/auth/AuthService.java';
    expectCovers(tokensSchema, f, 'TokenResponse');
    expectCovers(userSchema, f, 'User');
    expectCovers(workspaceSchema, f, 'Workspace');
    [tokensSchema, userSchema, workspaceSchema].forEach(expectStrict);
  });
});
