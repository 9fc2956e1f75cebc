package com.agentobs.contracts.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.ObjectMapper;

/**
 * Makes every servlet service an OAuth2 resource server validating the identity
 * provider's RS256 tokens (JWKS, or a PEM key offline), stateless, with 401/403 in the
 * error envelope; then {@link CallerInterceptor} resolves workspace and role on every
 * {@code /api/**} and OTLP {@code /v1/**} request. Health, Prometheus and the OpenAPI docs stay open.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
@EnableConfigurationProperties(SecurityProperties.class)
@EnableWebSecurity
public class ResourceServerAutoConfiguration {

	static final String[] OPEN_PATHS = { "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
			"/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error" };

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain agentobsSecurityFilterChain(HttpSecurity http, ObjectMapper mapper,
			SecurityProperties properties, ObjectProvider<DataSource> dataSource) throws Exception {
		EnvelopeAuthenticationHandlers handlers = new EnvelopeAuthenticationHandlers(mapper);
		if (properties.acceptApiKeys()) {
			DataSource source = dataSource.getIfAvailable();
			if (source == null) {
				throw new IllegalStateException("agentobs.security.accept-api-keys needs a DataSource");
			}
			http.addFilterBefore(new ApiKeyAuthenticationFilter(
					new ApiKeyLookup(JdbcClient.create(source), properties.apiKeyCacheTtl(), Clock.systemUTC()), handlers,
					Clock.systemUTC()), BearerTokenAuthenticationFilter.class);
		}
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((auth) -> auth.requestMatchers(OPEN_PATHS)
				.permitAll()
				.requestMatchers(HttpMethod.OPTIONS, "/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((rs) -> rs.jwt((jwt) -> {
			}).authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
		return http.build();
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(SecurityProperties properties) throws Exception {
		NimbusJwtDecoder decoder = (properties.publicKeyLocation() != null)
				? NimbusJwtDecoder.withPublicKey(readPublicKey(properties)).build()
				: NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.issuer())));
		return new CachingJwtDecoder(decoder, new VerifiedTokens(properties.verifiedTokenCacheSize(), Clock.systemUTC()));
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceTokens serviceTokens(SecurityProperties properties, ObjectProvider<Clock> clock) {
		return new ServiceTokens(properties.serviceTokens(), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	WebMvcConfigurer callerWebMvcConfigurer() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver());
			}

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new CallerInterceptor()).addPathPatterns("/api/**", "/v1/**").order(-10);
			}
		};
	}

	private static RSAPublicKey readPublicKey(SecurityProperties properties) throws Exception {
		try (InputStream in = properties.publicKeyLocation().getInputStream()) {
			return parsePem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read agentobs.security.public-key-location", ex);
		}
	}

	static RSAPublicKey parsePem(String pem) throws Exception {
		String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
		byte[] der = Base64.getDecoder().decode(base64);
		return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
	}

}
