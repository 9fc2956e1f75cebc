package com.agentobs.alert.rules;

import java.util.UUID;

/** Published after a rule action committed (created, deleted, undone): the evaluator brings its next pass forward. */
public record RulesChanged(UUID workspaceId) {
}
