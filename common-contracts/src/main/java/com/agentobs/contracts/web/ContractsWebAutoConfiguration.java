package com.agentobs.contracts.web;

import java.time.Clock;
import java.util.List;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;

import com.agentobs.contracts.filter.StandardFiltersParser;
import com.agentobs.contracts.tenancy.DepartmentCodes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.ObjectMapper;

/**
 * Wires the shared contracts into every servlet service: request ids, the refusal of
 * malformed queries and content types, strict JSON typing, the standard filter parser and
 * its argument resolver, validation of the standard parameters on every API path, and the
 * one exception handler, error controller and container error page, so that every error
 * from every layer answers in the envelope.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@Import({ ApiExceptionHandler.class, EnvelopeErrorController.class })
public class ContractsWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	StandardFiltersParser standardFiltersParser(Clock clock) {
		return new StandardFiltersParser(clock);
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestInputFilter> requestInputFilter(ObjectMapper mapper) {
		FilterRegistrationBean<RequestInputFilter> registration = new FilterRegistrationBean<>(
				new RequestInputFilter(mapper));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	JsonMapperBuilderCustomizer strictJsonCustomizer() {
		return StrictJson::apply;
	}

	/**
	 * Replaces the host's error report valve (HTML) by the envelope one, once the host has
	 * added its own, for the requests Tomcat refuses before the application sees them.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrorReportCustomizer(ObjectMapper mapper) {
		return (factory) -> factory.addContextCustomizers((context) -> context.addLifecycleListener((event) -> {
			if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
				Container host = context.getParent();
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				host.getPipeline().addValve(new EnvelopeErrorReportValve(mapper));
			}
		}));
	}

	@Bean
	WebMvcConfigurer contractsWebMvcConfigurer(StandardFiltersParser parser, ObjectProvider<DepartmentCodes> departments) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new StandardFiltersArgumentResolver(parser, departments));
			}

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new StandardParamsInterceptor(parser)).addPathPatterns("/api/**");
			}
		};
	}

}
