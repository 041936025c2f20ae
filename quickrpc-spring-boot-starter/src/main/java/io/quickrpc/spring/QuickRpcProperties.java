package io.quickrpc.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import io.quickrpc.RpcEndpoint;

/**
 * Configuration of quickrpc endpoints, under {@code quickrpc}.
 */
@ConfigurationProperties("quickrpc")
public class QuickRpcProperties {

	/**
	 * Endpoints by API name: the @RemoteApi name, or any name with 'api' set.
	 */
	private final Map<String, Api> apis = new LinkedHashMap<>();

	public Map<String, Api> getApis() {
		return this.apis;
	}

	/**
	 * Configuration of one endpoint.
	 */
	public static class Api {

		/**
		 * Fully qualified name of the @RemoteApi interface, for a second endpoint of an interface
		 * whose own name is taken. Defaults to the interface whose @RemoteApi name is this key.
		 */
		private @Nullable String api;

		/**
		 * Codec expression, such as 'jrpc' or 'terse'.
		 */
		private String codec = "jrpc";

		/**
		 * Transport expression, such as 'tcpserv::8888' or 'tcp:localhost:8888'. Required unless a
		 * Transport bean qualified with the API name exists.
		 */
		private @Nullable String transport;

		/**
		 * Security expression, such as 'null' or 'blindly_believe_everything:alice'.
		 */
		private String security = "null";

		/**
		 * Whether this side uses the API inverted: its @Outgoing methods are the incoming ones.
		 */
		private boolean invert;

		/**
		 * How long a request waits for its reply.
		 */
		private Duration replyTimeout = RpcEndpoint.DEFAULT_REPLY_TIMEOUT;

		/**
		 * How many requests may wait for replies at once; past it, calls fail at once.
		 */
		private int maxPendingReplies = RpcEndpoint.DEFAULT_MAX_PENDING_REPLIES;

		/**
		 * How many incoming calls may run at once; 1 keeps their order.
		 */
		private int handlerConcurrency = RpcEndpoint.DEFAULT_HANDLER_CONCURRENCY;

		/**
		 * How long stopping waits for running handlers.
		 */
		private Duration shutdownGrace = RpcEndpoint.DEFAULT_SHUTDOWN_GRACE;

		public @Nullable String getApi() {
			return this.api;
		}

		public void setApi(@Nullable String api) {
			this.api = api;
		}

		public String getCodec() {
			return this.codec;
		}

		public void setCodec(String codec) {
			this.codec = codec;
		}

		public @Nullable String getTransport() {
			return this.transport;
		}

		public void setTransport(@Nullable String transport) {
			this.transport = transport;
		}

		public String getSecurity() {
			return this.security;
		}

		public void setSecurity(String security) {
			this.security = security;
		}

		public boolean isInvert() {
			return this.invert;
		}

		public void setInvert(boolean invert) {
			this.invert = invert;
		}

		public Duration getReplyTimeout() {
			return this.replyTimeout;
		}

		public void setReplyTimeout(Duration replyTimeout) {
			this.replyTimeout = replyTimeout;
		}

		public int getMaxPendingReplies() {
			return this.maxPendingReplies;
		}

		public void setMaxPendingReplies(int maxPendingReplies) {
			this.maxPendingReplies = maxPendingReplies;
		}

		public int getHandlerConcurrency() {
			return this.handlerConcurrency;
		}

		public void setHandlerConcurrency(int handlerConcurrency) {
			this.handlerConcurrency = handlerConcurrency;
		}

		public Duration getShutdownGrace() {
			return this.shutdownGrace;
		}

		public void setShutdownGrace(Duration shutdownGrace) {
			this.shutdownGrace = shutdownGrace;
		}

	}

}
