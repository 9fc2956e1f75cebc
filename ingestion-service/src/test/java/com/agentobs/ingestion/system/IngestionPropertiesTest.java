package com.agentobs.ingestion.system;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IngestionPropertiesTest {

	static final UUID BIG = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

	@Test
	void workspaceBound_isTheShareTimesTheWorkspacesWeight() {
		IngestionProperties.Stream stream = new IngestionProperties.Stream(20_000, 1000, Map.of(BIG, 2.5), 2);
		assertThat(stream.workspaceBound(BIG)).isEqualTo(2500);
		assertThat(stream.workspaceBound(UUID.randomUUID())).isEqualTo(1000);
	}

	@Test
	void stream_refusesAWeightThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new IngestionProperties.Stream(20_000, 1000, Map.of(BIG, 0.0), 2))
			.withMessageContaining(BIG.toString());
	}

}
