package io.quickrpc.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.security.HmacSecurity;
import io.quickrpc.transport.composite.RestartOptions;
import io.quickrpc.transport.network.NetworkOptions;
import io.quickrpc.transport.network.TlsOptions;

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
		 * Security expression, such as 'null', 'blindly_believe_everything:alice', or 'hmac' to
		 * sign with the keys under 'hmac'.
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
		 * Whether incoming calls run at once on the thread that received them, with no queue
		 * and no hand-over between threads: for handlers that never block.
		 */
		private boolean handlersOnReceivingThread;

		/**
		 * How long stopping waits for running handlers.
		 */
		private Duration shutdownGrace = RpcEndpoint.DEFAULT_SHUTDOWN_GRACE;

		/**
		 * How many received calls of all peers may wait for a handler; past it, the peer whose
		 * call arrives is held back as past its own bound.
		 */
		private int maxQueuedCalls = RpcEndpoint.DEFAULT_MAX_QUEUED_CALLS;

		/**
		 * How many received calls of one peer may wait for a handler; past it, the transport stops
		 * reading from that peer until half are handled (udp and nats, which cannot, answer
		 * requests past it as overloaded and count the drops).
		 */
		private int maxQueuedCallsPerPeer = RpcEndpoint.DEFAULT_MAX_QUEUED_CALLS_PER_PEER;

		/**
		 * How many bytes of one peer's received calls may wait for a handler, with the same effect
		 * as max-queued-calls-per-peer past it.
		 */
		private DataSize maxQueuedCallBytesPerPeer = DataSize.ofBytes(RpcEndpoint.DEFAULT_MAX_QUEUED_CALL_BYTES_PER_PEER);

		/**
		 * Whether error replies carry the handler exception's stack trace, which shows peers the
		 * server's internals.
		 */
		private boolean sendStackTraces;

		/**
		 * Whether a client endpoint ('tcp', 'ws' or 'wss' transport) fails the startup when it cannot connect.
		 * Otherwise it starts anyway, connects in the background, and calls wait for the
		 * connection up to the reply timeout. Either way it reconnects when the connection is lost.
		 */
		private boolean failFast;

		/**
		 * How a client endpoint ('tcp', 'ws' or 'wss' transport) paces its attempts to connect and reconnect.
		 */
		private final Reconnect reconnect = new Reconnect();

		/**
		 * Limits of the tcp and tcpserv transports.
		 */
		private final Network network = new Network();

		/**
		 * TLS of the tcp and tcpserv transports.
		 */
		private final Ssl ssl = new Ssl();

		/**
		 * Keys of the hmac security provider, used when 'security' is 'hmac'.
		 */
		private final Hmac hmac = new Hmac();

		/**
		 * Settings of the web transport, which serves on the application's own web server.
		 */
		private final Web web = new Web();

		/**
		 * Whether the endpoint starts with the application context. Otherwise its beans exist,
		 * and it starts when the application calls its start().
		 */
		private boolean autoStartup = true;

		/**
		 * Settings of single methods, by method name.
		 */
		private final Map<String, Method> methods = new LinkedHashMap<>();

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public Map<String, Method> getMethods() {
			return this.methods;
		}

		public int getMaxQueuedCalls() {
			return this.maxQueuedCalls;
		}

		public void setMaxQueuedCalls(int maxQueuedCalls) {
			this.maxQueuedCalls = maxQueuedCalls;
		}

		public int getMaxQueuedCallsPerPeer() {
			return this.maxQueuedCallsPerPeer;
		}

		public void setMaxQueuedCallsPerPeer(int maxQueuedCallsPerPeer) {
			this.maxQueuedCallsPerPeer = maxQueuedCallsPerPeer;
		}

		public DataSize getMaxQueuedCallBytesPerPeer() {
			return this.maxQueuedCallBytesPerPeer;
		}

		public void setMaxQueuedCallBytesPerPeer(DataSize maxQueuedCallBytesPerPeer) {
			this.maxQueuedCallBytesPerPeer = maxQueuedCallBytesPerPeer;
		}

		public boolean isSendStackTraces() {
			return this.sendStackTraces;
		}

		public void setSendStackTraces(boolean sendStackTraces) {
			this.sendStackTraces = sendStackTraces;
		}

		public boolean isFailFast() {
			return this.failFast;
		}

		public void setFailFast(boolean failFast) {
			this.failFast = failFast;
		}

		public Reconnect getReconnect() {
			return this.reconnect;
		}

		public Network getNetwork() {
			return this.network;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		public Hmac getHmac() {
			return this.hmac;
		}

		public Web getWeb() {
			return this.web;
		}

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

		public boolean isHandlersOnReceivingThread() {
			return this.handlersOnReceivingThread;
		}

		public void setHandlersOnReceivingThread(boolean handlersOnReceivingThread) {
			this.handlersOnReceivingThread = handlersOnReceivingThread;
		}

		public Duration getShutdownGrace() {
			return this.shutdownGrace;
		}

		public void setShutdownGrace(Duration shutdownGrace) {
			this.shutdownGrace = shutdownGrace;
		}

	}

	/**
	 * Settings of one method of an API.
	 */
	public static class Method {

		/**
		 * How long a call of this method waits for its reply, on the side that calls it;
		 * replaces its @ReplyTimeout and the API's reply-timeout.
		 */
		private @Nullable Duration replyTimeout;

		public @Nullable Duration getReplyTimeout() {
			return this.replyTimeout;
		}

		public void setReplyTimeout(@Nullable Duration replyTimeout) {
			this.replyTimeout = replyTimeout;
		}

	}

	/**
	 * Exponential backoff of a client's attempts to connect.
	 */
	public static class Reconnect {

		/**
		 * Delay after a first failed attempt, and between checks of a live connection.
		 */
		private Duration initialDelay = RestartOptions.DEFAULT_INITIAL_DELAY;

		/**
		 * Longest delay between attempts.
		 */
		private Duration maxDelay = RestartOptions.DEFAULT_MAX_DELAY;

		/**
		 * Factor by which the delay grows after each failed attempt.
		 */
		private double multiplier = RestartOptions.DEFAULT_MULTIPLIER;

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

	}

	/**
	 * Limits of the network transports.
	 */
	public static class Network {

		/**
		 * Most bytes a peer may send without completing a message; past it the peer is dropped.
		 */
		private DataSize maxFrameSize = DataSize.ofBytes(NetworkOptions.DEFAULT_MAX_FRAME_SIZE);

		/**
		 * Most connections a server accepts at once; it closes those beyond, with a log line.
		 */
		private int maxConnections = NetworkOptions.DEFAULT_MAX_CONNECTIONS;

		/**
		 * Most bytes waiting to be sent to one peer; past it the peer is not read from, threads
		 * that serve many peers queue up to twice as much then drop it, other senders wait for it,
		 * and it is dropped if it does not read within the slow peer timeout.
		 */
		private DataSize maxQueuedBytes = DataSize.ofBytes(NetworkOptions.DEFAULT_MAX_QUEUED_BYTES);

		/**
		 * How long a peer that does not read may have more than max-queued-bytes waiting, and
		 * senders wait for it, before it is dropped.
		 */
		private Duration slowPeerTimeout = NetworkOptions.DEFAULT_SLOW_PEER_TIMEOUT;

		/**
		 * How long a peer may take to finish a message it has started before it is dropped; 0
		 * for never.
		 */
		private Duration frameTimeout = NetworkOptions.DEFAULT_FRAME_TIMEOUT;

		/**
		 * How long a peer may send nothing before it is dropped; 0 for never.
		 */
		private Duration idleTimeout = NetworkOptions.DEFAULT_IDLE_TIMEOUT;

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public DataSize getMaxQueuedBytes() {
			return this.maxQueuedBytes;
		}

		public void setMaxQueuedBytes(DataSize maxQueuedBytes) {
			this.maxQueuedBytes = maxQueuedBytes;
		}

		public Duration getSlowPeerTimeout() {
			return this.slowPeerTimeout;
		}

		public void setSlowPeerTimeout(Duration slowPeerTimeout) {
			this.slowPeerTimeout = slowPeerTimeout;
		}

		public Duration getFrameTimeout() {
			return this.frameTimeout;
		}

		public void setFrameTimeout(Duration frameTimeout) {
			this.frameTimeout = frameTimeout;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

	}

	/**
	 * Settings of the web transport.
	 */
	public static class Web {

		/**
		 * Origins, besides the application's own, whose pages may open a WebSocket or post calls,
		 * such as 'https://example.com' or 'https://*.example.com'; '*' for any.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

	}

	/**
	 * TLS of the network transports.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) holding this side's certificate and the
		 * certificates it trusts; TLS is off without one.
		 */
		private @Nullable String bundle;

		/**
		 * Whether a server asks clients for a certificate.
		 */
		private TlsOptions.ClientAuthentication clientAuthentication = TlsOptions.ClientAuthentication.NONE;

		/**
		 * Whether a client checks that the server's certificate names the host it connects to.
		 */
		private boolean verifyHostname = true;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public TlsOptions.ClientAuthentication getClientAuthentication() {
			return this.clientAuthentication;
		}

		public void setClientAuthentication(TlsOptions.ClientAuthentication clientAuthentication) {
			this.clientAuthentication = clientAuthentication;
		}

		public boolean isVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

	}

	/**
	 * The hmac security provider's user and keys.
	 */
	public static class Hmac {

		/**
		 * User this side signs as; its key must be among the keys.
		 */
		private @Nullable String user;

		/**
		 * Base64 key of each user, at least 16 bytes (32 random bytes recommended). An HmacKeys
		 * bean replaces them.
		 */
		private final Map<String, String> keys = new LinkedHashMap<>();

		/**
		 * How far a message's timestamp may be from this clock.
		 */
		private Duration window = HmacSecurity.DEFAULT_WINDOW;

		/**
		 * Most nonces remembered to detect replays.
		 */
		private int maxNonces = HmacSecurity.DEFAULT_MAX_NONCES;

		public @Nullable String getUser() {
			return this.user;
		}

		public void setUser(@Nullable String user) {
			this.user = user;
		}

		public Map<String, String> getKeys() {
			return this.keys;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public int getMaxNonces() {
			return this.maxNonces;
		}

		public void setMaxNonces(int maxNonces) {
			this.maxNonces = maxNonces;
		}

		@Override
		public String toString() {
			return "Hmac[user=" + this.user + ", keys for " + this.keys.keySet() + "]";
		}

	}

}
