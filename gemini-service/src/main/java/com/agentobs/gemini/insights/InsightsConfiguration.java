package com.agentobs.gemini.insights;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.gemini.llm.TextGenerator;
import com.agentobs.gemini.system.GeminiProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Offline templates when the model gateway is offline; otherwise the model, checked and with offline as fallback. */
@Configuration(proxyBeanMethods = false)
class InsightsConfiguration {

	@Bean
	InsightGenerator insightGenerator(TextGenerator text, TextRedactor redactor, JsonMapper mapper,
			GeminiProperties properties, MeterRegistry registry) {
		if (TextGenerator.OFFLINE.equals(text.provider())) {
			return new OfflineInsightGenerator();
		}
		return new ModelInsightGenerator(text, redactor, mapper, properties.insights().maxOutputTokens(), registry);
	}

}
