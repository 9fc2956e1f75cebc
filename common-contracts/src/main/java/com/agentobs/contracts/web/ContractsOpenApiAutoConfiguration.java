package com.agentobs.contracts.web;

import java.util.Arrays;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;

import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.security.Caller;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Every service's OpenAPI document describes the wire: field names in snake_case, the
 * standard query parameters where an endpoint takes {@link StandardFilters}, and no
 * {@link Caller} parameter (it comes from the token). springdoc describes models through
 * swagger-core's own Jackson 2 mapper, which does not see the services' Jackson 3 naming
 * strategy, so the same strategy is set on swagger-core's model resolver here.
 */
@AutoConfiguration(afterName = "org.springdoc.core.configuration.SpringDocConfiguration")
@ConditionalOnClass({ ModelResolver.class, ObjectMapperProvider.class })
@ConditionalOnBean(ObjectMapperProvider.class)
public class ContractsOpenApiAutoConfiguration {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, StandardFilters.class);
	}

	/**
	 * Replaces swagger-core's default resolver (springdoc swaps a registered converter of the
	 * same class); first in order so that springdoc's own converters still run before it.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ModelResolver snakeCaseModelResolver(ObjectMapperProvider provider) {
		ModelResolver resolver = new ModelResolver(
				provider.jsonMapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
		resolver.openapi31(provider.isOpenapi31());
		return resolver;
	}

	@Bean
	OperationCustomizer standardFiltersParameters() {
		return (operation, handler) -> {
			boolean takesFilters = Arrays.stream(handler.getMethodParameters())
				.anyMatch((p) -> StandardFilters.class.equals(p.getParameterType()));
			if (takesFilters) {
				for (String name : new String[] { "range", "from", "to", "department", "environment", "version",
						"agent_id", "cursor" }) {
					add(operation, name, new StringSchema());
				}
				add(operation, "page", new IntegerSchema().minimum(java.math.BigDecimal.ONE));
				add(operation, "limit",
						new IntegerSchema().minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(1000)));
			}
			return operation;
		};
	}

	private static void add(io.swagger.v3.oas.models.Operation operation, String name, Schema<?> schema) {
		boolean present = operation.getParameters() != null
				&& operation.getParameters().stream().anyMatch((p) -> name.equals(p.getName()));
		if (!present) {
			operation.addParametersItem(new QueryParameter().name(name).required(false).schema(schema));
		}
	}

}
