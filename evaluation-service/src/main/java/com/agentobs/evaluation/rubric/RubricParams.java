package com.agentobs.evaluation.rubric;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Parameters and inverses of the rubric actions (stored on their audit rows). */
final class RubricParams {

	private RubricParams() {
	}

	/** {@code rubric.create}. */
	record Create(RubricDefinition definition, List<String> agentIds, List<String> departments) {

		Create {
			agentIds = (agentIds != null) ? List.copyOf(agentIds) : List.of();
			departments = (departments != null) ? List.copyOf(departments) : List.of();
		}

	}

	/** {@code rubric.update}: the new version's definition. */
	record Update(UUID rubricId, RubricDefinition definition) {
	}

	/** {@code rubric.assign}: the agents and departments it scores from now on (both empty = all). */
	record Assign(UUID rubricId, List<String> agentIds, List<String> departments) {

		Assign {
			agentIds = (agentIds != null) ? List.copyOf(agentIds) : List.of();
			departments = (departments != null) ? List.copyOf(departments) : List.of();
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
