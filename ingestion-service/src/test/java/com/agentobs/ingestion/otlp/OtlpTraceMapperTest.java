package com.agentobs.ingestion.otlp;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpTraceMapperTest {

	@Test
	void cap_keepsTextUpToTheLimit_andMarksWhatItCuts() {
		String limit = "a".repeat(OtlpTraceMapper.MAX_CONTENT);
		assertThat(OtlpTraceMapper.cap(limit)).isSameAs(limit);
		String cut = OtlpTraceMapper.cap(limit + "b");
		assertThat(cut).startsWith(limit)
			.endsWith("… [truncated: " + (OtlpTraceMapper.MAX_CONTENT + 1) + " characters, first "
					+ OtlpTraceMapper.MAX_CONTENT + " kept]");
		// a surrogate pair is never split
		String emoji = "a".repeat(OtlpTraceMapper.MAX_CONTENT - 1) + "\uD83D\uDE00" + "tail";
		assertThat(OtlpTraceMapper.cap(emoji)).doesNotContain("\uD83D…");
	}

	@Test
	void provider_namesTheCompany_whateverTheConventionsSpelling() {
		assertThat(OtlpTraceMapper.provider("openai.chat")).isEqualTo("openai");
		assertThat(OtlpTraceMapper.provider("anthropic.messages")).isEqualTo("anthropic");
		assertThat(OtlpTraceMapper.provider("gcp.vertex_ai")).isEqualTo("google");
		assertThat(OtlpTraceMapper.provider("azure.ai.openai")).isEqualTo("openai");
		assertThat(OtlpTraceMapper.provider("aws.bedrock")).isEqualTo("aws.bedrock");
		assertThat(OtlpTraceMapper.provider("OpenAI")).isEqualTo("openai");
	}

	@Test
	void attributeMap_givesEveryFieldASource_andNamesEachSourceOnce() {
		Set<OtlpAttributeMap.Field> covered = EnumSet.noneOf(OtlpAttributeMap.Field.class);
		Set<String> seen = new HashSet<>();
		for (OtlpAttributeMap.Source source : OtlpAttributeMap.SOURCES) {
			covered.add(source.field());
			assertThat(seen.add(source.field() + "/" + source.where() + "/" + source.event() + "/" + source.key()))
				.as("duplicate source %s", source)
				.isTrue();
		}
		assertThat(covered).containsExactlyInAnyOrder(OtlpAttributeMap.Field.values());
	}

}
