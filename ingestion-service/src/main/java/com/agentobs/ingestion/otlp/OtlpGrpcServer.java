package com.agentobs.ingestion.otlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.ApiKeyLookup;
import com.agentobs.contracts.security.SecurityProperties;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.ingestion.system.IngestionProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * OTLP/gRPC trace receiver ({@code opentelemetry.proto.collector.trace.v1.TraceService/Export})
 * on its own port and the service's bind address. The API key travels in the {@code x-api-key}
 * metadata and needs the {@code ingest} scope; gzip-compressed messages are accepted. An export
 * goes through the same {@link OtlpIngest} as OTLP/HTTP, so the mapping, {@code partial_success}
 * and back-pressure are identical: a full backlog answers {@code RESOURCE_EXHAUSTED} with
 * {@code RetryInfo} (exporters retry only when it is present), a store outage {@code UNAVAILABLE}.
 */
@Component
public class OtlpGrpcServer implements SmartLifecycle {

	private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final Context.Key<UUID> WORKSPACE = Context.key("agentobs.workspace");

	private final OtlpIngest ingest;

	private final ApiKeyLookup keys;

	private final IngestionProperties properties;

	private final String bindAddress;

	private volatile Server server;

	OtlpGrpcServer(OtlpIngest ingest, IngestionProperties properties, SecurityProperties security,
			DataSource dataSource, @Value("${server.address:127.0.0.1}") String bindAddress) {
		this.ingest = ingest;
		this.properties = properties;
		this.bindAddress = bindAddress;
		this.keys = new ApiKeyLookup(JdbcClient.create(dataSource), security.apiKeyCacheTtl(), Clock.systemUTC());
	}

	/** The port it listens on (the configured one, or the one picked for 0); -1 when not running. */
	public int port() {
		Server running = this.server;
		return (running != null) ? running.getPort() : -1;
	}

	@Override
	public void start() {
		IngestionProperties.Grpc grpc = this.properties.grpc();
		if (grpc == null || !grpc.enabled()) {
			return;
		}
		try {
			this.server = NettyServerBuilder.forAddress(new InetSocketAddress(this.bindAddress, grpc.port()))
				.maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, this.properties.limits().maxBody().toBytes()))
				.addService(ServerInterceptors.intercept(new TraceService(), new ApiKeyInterceptor()))
				.build()
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("OTLP/gRPC cannot listen on " + this.bindAddress + ":" + grpc.port(), ex);
		}
	}

	@Override
	public void stop() {
		Server running = this.server;
		if (running != null) {
			running.shutdown();
			try {
				running.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			running.shutdownNow();
			this.server = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/** The API key's workspace into the call's context; no key, an unknown key or no ingest scope ends the call. */
	private final class ApiKeyInterceptor implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			String key = headers.get(API_KEY);
			ApiKeyLookup.Grant grant = (key == null || key.isBlank()) ? null
					: OtlpGrpcServer.this.keys.find(key.strip()).orElse(null);
			if (grant == null) {
				call.close(Status.UNAUTHENTICATED.withDescription("A valid x-api-key is required"), new Metadata());
				return new ServerCall.Listener<>() {
				};
			}
			if (!grant.permissions().contains(TokenClaims.PERMISSION_INGEST)) {
				call.close(Status.PERMISSION_DENIED.withDescription("The API key lacks the ingest scope"),
						new Metadata());
				return new ServerCall.Listener<>() {
				};
			}
			return Contexts.interceptCall(Context.current().withValue(WORKSPACE, grant.workspaceId()), call, headers,
					next);
		}

	}

	private final class TraceService extends TraceServiceGrpc.TraceServiceImplBase {

		@Override
		public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
			ExportTraceServiceResponse answer;
			try {
				answer = OtlpGrpcServer.this.ingest.export(WORKSPACE.get(), request);
			}
			catch (ApiException ex) {
				response.onError(status(ex));
				return;
			}
			response.onNext(answer);
			response.onCompleted();
		}

	}

	/** Our refusals as OTLP/gRPC statuses; only the temporary ones carry {@code RetryInfo}. */
	static StatusRuntimeException status(ApiException ex) {
		Code code = switch (ex.code().status()) {
			case 400 -> Code.INVALID_ARGUMENT;
			case 401 -> Code.UNAUTHENTICATED;
			case 403 -> Code.PERMISSION_DENIED;
			case 413, 429 -> Code.RESOURCE_EXHAUSTED;
			case 503 -> Code.UNAVAILABLE;
			default -> Code.INTERNAL;
		};
		com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
			.setCode(code.getNumber())
			.setMessage(String.valueOf(ex.getMessage()));
		if (ex.retryAfterSeconds() != null) {
			status.addDetails(com.google.protobuf.Any.pack(RetryInfo.newBuilder()
				.setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(ex.retryAfterSeconds()))
				.build()));
		}
		return StatusProto.toStatusRuntimeException(status.build());
	}

}
