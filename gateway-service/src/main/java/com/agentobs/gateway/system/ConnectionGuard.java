package com.agentobs.gateway.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the HTTP/1.1 connection itself must guarantee before Spring sees a request:
 * <ul>
 * <li>a request head (request line and headers) must be complete within the header read
 * timeout, and a kept-alive connection may idle that long between requests: otherwise it is
 * closed (with a 408 envelope when part of a head had arrived), so slow or abandoned heads
 * cannot hold connections open;</li>
 * <li>a request line or header block over Netty's limits answers 414 or 431 (400 for any
 * other undecodable head, or a target that is not a valid URI such as {@code %zz}) in the error
 * envelope, then the connection is half-closed and drained briefly, so the client reads the
 * answer instead of a reset or an empty body.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ConnectionGuard {

	/** How long a refused connection keeps reading (and discarding) before it is closed. */
	private static final Duration DRAIN = Duration.ofSeconds(2);

	@Bean
	NettyServerCustomizer connectionGuardCustomizer(GatewayProperties properties, ErrorEnvelopes envelopes) {
		long timeoutMillis = properties.http().headerReadTimeout().toMillis();
		return (server) -> server.doOnChannelInit((observer, channel, remote) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) == null) {
				return;
			}
			Guard guard = new Guard(timeoutMillis, envelopes);
			pipeline.addBefore(NettyPipeline.HttpCodec, "agentobs.bytesSeen", guard.bytesSeen);
			pipeline.addAfter(NettyPipeline.HttpCodec, "agentobs.requestHead", guard);
		});
	}

	/**
	 * One per connection. Armed while the connection waits for a request head (from accept, and
	 * again once every response is written); disarmed when a head is decoded.
	 */
	static final class Guard extends ChannelDuplexHandler {

		private final long timeoutMillis;

		private final ErrorEnvelopes envelopes;

		/** Before the codec: notes that bytes of a new request arrived since the last head. */
		final ChannelInboundHandlerAdapter bytesSeen = new ChannelInboundHandlerAdapter() {
			@Override
			public void channelRead(ChannelHandlerContext ctx, Object msg) {
				if (msg instanceof ByteBuf buf && buf.isReadable() && Guard.this.inFlight == 0) {
					Guard.this.partialHead = true;
				}
				ctx.fireChannelRead(msg);
			}
		};

		private ScheduledFuture<?> deadline;

		private int inFlight;

		private boolean partialHead;

		private boolean refused;

		Guard(long timeoutMillis, ErrorEnvelopes envelopes) {
			this.timeoutMillis = timeoutMillis;
			this.envelopes = envelopes;
		}

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			if (ctx.channel().isActive()) {
				arm(ctx);
			}
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			arm(ctx);
			ctx.fireChannelActive();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			disarm();
			ctx.fireChannelInactive();
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (this.refused) {
				ReferenceCountUtil.release(msg);
				return;
			}
			if (msg instanceof HttpRequest request) {
				disarm();
				this.partialHead = false;
				if (request.decoderResult().isFailure()) {
					ReferenceCountUtil.release(msg);
					refuse(ctx, request.decoderResult().cause());
					return;
				}
				if (!validTarget(request.uri())) {
					ReferenceCountUtil.release(msg);
					respondAndClose(ctx, HttpResponseStatus.BAD_REQUEST,
							"The request target is not a valid URI (check its percent-escapes)", "uri");
					return;
				}
				this.inFlight++;
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (msg instanceof LastHttpContent && this.inFlight > 0) {
				promise = promise.unvoid();
				promise.addListener((f) -> {
					if (--this.inFlight == 0 && ctx.channel().isActive() && !this.refused) {
						arm(ctx);
					}
				});
			}
			ctx.write(msg, promise);
		}

		/**
		 * What the layers above parse the target with (a URI, and the decoded path); a target they
		 * reject would otherwise be answered 400 with an empty body.
		 */
		static boolean validTarget(String uri) {
			try {
				new URI(uri);
				new QueryStringDecoder(uri).path();
				return true;
			}
			catch (URISyntaxException | IllegalArgumentException ex) {
				return false;
			}
		}

		private void arm(ChannelHandlerContext ctx) {
			disarm();
			this.deadline = ctx.executor().schedule(() -> expire(ctx), this.timeoutMillis, TimeUnit.MILLISECONDS);
		}

		private void disarm() {
			if (this.deadline != null) {
				this.deadline.cancel(false);
				this.deadline = null;
			}
		}

		private void expire(ChannelHandlerContext ctx) {
			this.deadline = null;
			if (this.inFlight > 0 || !ctx.channel().isActive()) {
				return;
			}
			if (!this.partialHead) {
				ctx.close();
				return;
			}
			respondAndClose(ctx, HttpResponseStatus.REQUEST_TIMEOUT,
					"The request head was not complete within " + this.timeoutMillis + " ms", "request");
		}

		private void refuse(ChannelHandlerContext ctx, Throwable cause) {
			if (cause instanceof TooLongHttpLineException) {
				respondAndClose(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG,
						"The request line (method, path and query) is too long", "uri");
			}
			else if (cause instanceof TooLongHttpHeaderException) {
				respondAndClose(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
						"The request headers are too large", "headers");
			}
			else if (cause instanceof TooLongFrameException) {
				respondAndClose(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
						"The request head is too large", "headers");
			}
			else {
				respondAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "The request head is not valid HTTP", "request");
			}
		}

		/** Writes the envelope, half-closes, drains what the client still sends for a moment, closes. */
		private void respondAndClose(ChannelHandlerContext ctx, HttpResponseStatus status, String message,
				String field) {
			this.refused = true;
			disarm();
			ApiException error = new ApiException(ErrorCode.VALIDATION_ERROR, message,
					Map.of("field", field, "reason", status.reasonPhrase()));
			byte[] body = this.envelopes.body(error, RequestContext.acceptOrGenerate(null));
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
					Unpooled.wrappedBuffer(body));
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
				.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			Channel channel = ctx.channel();
			// written from here, past the codec: the response encoder serialises it
			ctx.writeAndFlush(response).addListener((ChannelFutureListener) (f) -> {
				if (channel instanceof DuplexChannel duplex && f.isSuccess()) {
					duplex.shutdownOutput();
					ctx.executor().schedule(() -> channel.close(), DRAIN.toMillis(), TimeUnit.MILLISECONDS);
				}
				else {
					channel.close();
				}
			});
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			if (this.refused) {
				return;
			}
			ctx.fireExceptionCaught(cause);
		}

	}

}
