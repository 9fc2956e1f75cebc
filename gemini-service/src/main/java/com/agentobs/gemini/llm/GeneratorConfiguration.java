package com.agentobs.gemini.llm;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.gemini.system.GeminiProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link TextGenerator}: Gemini when an API key is configured, otherwise offline. */
@Configuration(proxyBeanMethods = false)
class GeneratorConfiguration {

	private static final Logger log = LoggerFactory.getLogger(GeneratorConfiguration.class);

	@Bean
	TextGenerator textGenerator(GeminiProperties properties, JsonMapper mapper, MeterRegistry registry) {
		if (properties.api().configured()) {
			log.info("text generation through Gemini model {} at {}", properties.api().model(),
					properties.api().baseUrl());
			return new GeminiTextGenerator(properties.api(), mapper, registry);
		}
		log.info("text generation offline (no AGENTOBS_GEMINI_API_KEY)");
		return new OfflineTextGenerator(mapper);
	}

}
