package com.agentobs.contracts.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import org.springdoc.core.providers.ObjectMapperProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI documents name fields as the wire does (snake_case). springdoc describes
 * models through swagger-core's own Jackson 2 mapper, which does not see the services'
 * Jackson 3 naming strategy, so the same strategy is set on the model resolver here.
 */
@AutoConfiguration(afterName = "org.springdoc.core.configuration.SpringDocConfiguration")
@ConditionalOnClass({ ModelResolver.class, ObjectMapperProvider.class })
@ConditionalOnBean(ObjectMapperProvider.class)
public class SnakeCaseOpenApiAutoConfiguration {

	@Bean
	ModelResolver snakeCaseModelResolver(ObjectMapperProvider provider) {
		ModelResolver resolver = new ModelResolver(
				provider.jsonMapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
		resolver.openapi31(provider.isOpenapi31());
		return resolver;
	}

}
