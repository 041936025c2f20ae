package io.quickrpc;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import io.quickrpc.codec.Codec;
import io.quickrpc.convert.Converter;
import io.quickrpc.convert.JacksonConverterFactory;
import io.quickrpc.security.Security;
import io.quickrpc.spi.ApiName;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.network.NetworkOptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * One side of a remote API: the interface, a codec, a transport and a security provider.
 * Call the other side through {@link #api()}; receive its calls by connecting listeners.
 *
 * <pre>{@code
 * RpcEndpoint<EchoApi> server = RpcEndpoint.builder(EchoApi.class).transport("tcpserv::8888").build();
 * server.connect(new EchoHandler());
 * server.start();
 * server.api().echo(null, "hello");   // to every connected peer
 * }</pre>
 *
 * Incoming calls run on a handler executor, one at a time and in order unless configured
 * otherwise; replies complete pending requests on the transport's thread, so a handler may wait
 * for the reply to a call it makes.
 *
 * @param <T> the remote API interface
 */
public final class RpcEndpoint<T> implements AutoCloseable {

	/** How many requests may wait for replies at once, unless configured otherwise. */
	public static final int DEFAULT_MAX_PENDING_REPLIES = 10_000;

	/** How many incoming calls run at once, unless configured otherwise: one, in order. */
	public static final int DEFAULT_HANDLER_CONCURRENCY = 1;

	/** How many incoming calls may wait for a handler thread, unless configured otherwise. */
	public static final int DEFAULT_MAX_QUEUED_CALLS = 100_000;

	/** The default bound of the received calls of one peer that wait for handlers. */
	public static final int DEFAULT_MAX_QUEUED_CALLS_PER_PEER = 1_000;

	/** The default bound of the bytes of one peer's received calls that wait for handlers: 4 MiB. */
	public static final long DEFAULT_MAX_QUEUED_CALL_BYTES_PER_PEER = 4L * 1024 * 1024;

	/** How long a request waits for its reply, unless configured otherwise. */
	public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(10);

	/** How long stopping waits for running handlers, unless configured otherwise. */
	public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

	private final ApiModel model;

	private final String name;

	private final Class<T> apiType;

	private final T proxy;

	private final Outbox outbox;

	private final ListenerTable listeners;

	private final PendingReplies pending;

	private final IncomingDispatcher dispatcher;

	private final @Nullable Executor handlerExecutor;

	private final int handlerConcurrency;

	private final Duration replyTimeout;

	private final Duration shutdownGrace;

	private final CallStatistics statistics = new CallStatistics();

	private volatile @Nullable EndpointThreads threads;

	private RpcEndpoint(Builder<T> builder, ApiModel model, Outbox outbox, ErrorData errorData) {
		this.model = model;
		this.name = (builder.name != null) ? builder.name : model.name;
		this.apiType = builder.apiType;
		this.outbox = outbox;
		this.handlerExecutor = builder.handlerExecutor;
		this.handlerConcurrency = builder.handlerConcurrency;
		this.replyTimeout = builder.replyTimeout;
		this.shutdownGrace = builder.shutdownGrace;
		this.listeners = new ListenerTable(model);
		CallObserver user = builder.callObserver;
		CallObserver observer = (user == null) ? this.statistics : (endpoint, method, incoming, outcome, nanos) -> {
			this.statistics.callEnded(endpoint, method, incoming, outcome, nanos);
			user.callEnded(endpoint, method, incoming, outcome, nanos);
		};
		CallReporter reporter = new CallReporter(this.name, observer, user != null);
		this.pending = new PendingReplies(builder.maxPendingReplies, builder.replyTimeout, model.methods().stream()
			.map((method) -> method.replyTimeout(builder.replyTimeout))
			.min(Duration::compareTo)
			.orElse(builder.replyTimeout), new ReplyErrors(builder.errorDecoders), reporter);
		Interceptors interceptors = new Interceptors(this.name, builder.interceptors);
		OutgoingCalls calls = new OutgoingCalls(model, this.pending, outbox, this::timer, reporter, interceptors);
		this.proxy = this.apiType.cast(Proxy.newProxyInstance(this.apiType.getClassLoader(),
				new Class<?>[] { this.apiType }, calls));
		ErrorListener errors = (builder.errorListener != null) ? builder.errorListener : new ErrorLog(this.name);
		Replies replies = new Replies(this.name, outbox, errors, errorData, builder.sendStackTraces);
		MethodInvoker invoker = new MethodInvoker(model, this.listeners, this.proxy, reporter, replies,
				new HandlerErrors(builder.exceptionMappers), interceptors);
		this.dispatcher = new IncomingDispatcher(outbox.codec, new SecurityFilter(outbox.security, outbox),
				this.pending, new CallQueue(this.name, this::handlers, outbox::transport, invoker, replies, this.statistics,
						new CallQueue.Limits(builder.maxQueuedCalls, builder.maxQueuedCallsPerPeer,
								builder.maxQueuedCallBytesPerPeer), builder.handlersOnReceivingThread),
				replies, errors, this.statistics, model, errorData);
	}

	/**
	 * Starts building an endpoint for a remote API interface.
	 * @param <T> the interface type
	 * @param apiType the interface, annotated {@link RemoteApi}
	 * @return a builder
	 */
	public static <T> Builder<T> builder(Class<T> apiType) {
		return new Builder<>(apiType);
	}

	/**
	 * Returns the name of a remote API: its {@link RemoteApi#value()}, or else its simple name with
	 * a lower-case first letter.
	 * @param apiType the interface
	 * @return the API name
	 */
	public static String apiName(Class<?> apiType) {
		return ApiModel.nameOf(apiType);
	}

	/**
	 * Returns the proxy through which outgoing methods are called. Calling an incoming method on
	 * it throws {@link UnsupportedOperationException}.
	 * @return the API proxy
	 */
	public T api() {
		return this.proxy;
	}

	/**
	 * Starts the transport, and the threads that run handlers and time out replies. Does
	 * nothing if already running.
	 * @return this endpoint
	 * @throws io.quickrpc.transport.TransportException if the transport cannot start
	 */
	public synchronized RpcEndpoint<T> start() {
		if (this.threads != null) {
			return this;
		}
		EndpointThreads started = new EndpointThreads(this.name, this.handlerExecutor, this.handlerConcurrency);
		this.threads = started;
		try {
			this.dispatcher.reset();
			this.outbox.transport().start(this.dispatcher);
		}
		catch (RuntimeException ex) {
			this.threads = null;
			started.shutdown(Duration.ZERO);
			throw ex;
		}
		return this;
	}

	/**
	 * Stops the transport; pending requests fail at once; running handlers get the shutdown
	 * grace period to finish. Does nothing if not running.
	 */
	public synchronized void stop() {
		EndpointThreads running = this.threads;
		if (running == null) {
			return;
		}
		this.threads = null;
		try {
			this.outbox.transport().stop();
		}
		finally {
			this.pending.failAll("endpoint '" + this.name + "' stopped");
			running.shutdown(this.shutdownGrace);
		}
	}

	/**
	 * Replaces the transport, as the original allows at run time. The current transport stops
	 * first: requests that wait for replies from its peers fail, as when a peer leaves, and
	 * nothing it received is delivered afterwards. If the endpoint is running, the new transport
	 * starts, and its peers appear.
	 * @param transport the new transport, not started
	 * @throws io.quickrpc.transport.TransportException if the new transport cannot start; the
	 * endpoint then has no running transport until one is started or replaced again
	 */
	public synchronized void replaceTransport(Transport transport) {
		Transport previous = this.outbox.transport();
		if (transport == previous) {
			return;
		}
		previous.stop();
		this.pending.failAll((peer) -> "Peer '" + peer + "' is gone: the transport of endpoint '" + this.name
				+ "' was replaced before it replied; call again on the new transport");
		this.outbox.transport(transport);
		this.dispatcher.reset();
		if (this.threads != null) {
			transport.start(this.dispatcher);
		}
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Returns whether the endpoint is started and its transport running.
	 * @return whether it is running
	 */
	public boolean isRunning() {
		return this.threads != null && this.outbox.transport().isRunning();
	}

	/**
	 * Connects every {@link IncomingHandler} method of a handler object that belongs to this API
	 * (its {@code api} attribute empty or this endpoint's API name).
	 * @param handler the handler object
	 * @throws IllegalArgumentException if a handler method names no incoming method, or its
	 * parameters do not fit; then nothing is connected
	 */
	public void connect(Object handler) {
		this.listeners.connect(handler);
	}

	/**
	 * Disconnects every handler method of an object connected with {@link #connect(Object)}.
	 * @param handler the handler object
	 */
	public void disconnect(Object handler) {
		this.listeners.disconnect(handler);
	}

	/**
	 * Connects a listener to one incoming method; it runs after those connected before it.
	 * @param method the incoming method's name
	 * @param listener the listener
	 * @throws IllegalArgumentException if the method is not incoming on this endpoint
	 */
	public void connect(String method, IncomingListener listener) {
		this.listeners.connect(method, listener);
	}

	/**
	 * Disconnects a listener from an incoming method.
	 * @param method the incoming method's name
	 * @param listener the listener, as connected
	 */
	public void disconnect(String method, IncomingListener listener) {
		this.listeners.disconnect(method, listener);
	}

	/**
	 * Returns the incoming methods that have no listener: calls of them would go unanswered.
	 * @return the names of unhandled incoming methods, sorted
	 */
	public Set<String> unhandledCalls() {
		return this.listeners.unhandled();
	}

	/**
	 * Returns the methods the other side may call on this endpoint.
	 * @return the incoming method names, sorted
	 */
	public Set<String> incomingMethods() {
		return methodNames(true);
	}

	/**
	 * Returns the methods this endpoint calls on the other side.
	 * @return the outgoing method names, sorted
	 */
	public Set<String> outgoingMethods() {
		return methodNames(false);
	}

	/**
	 * Returns the peers connected now.
	 * @return the peer names
	 */
	public Set<String> peers() {
		return this.outbox.transport().peers();
	}

	/**
	 * Returns how many requests wait for a reply now.
	 * @return the number of pending replies
	 */
	public int pendingReplies() {
		return this.pending.size();
	}

	/**
	 * Returns how many received calls wait for a handler thread now, from all peers.
	 * @return the number of queued calls; 0 while the endpoint is stopped
	 */
	public int queuedCalls() {
		EndpointThreads running = this.threads;
		return (running != null) ? running.handlers().queued() : 0;
	}

	/**
	 * Returns the counts of calls made and handled so far, by outcome.
	 * @return the statistics, updated live
	 */
	public CallStatistics statistics() {
		return this.statistics;
	}

	/**
	 * Connects one handler method of an object to an incoming method, as {@link #connect(Object)}
	 * does for each of its {@link IncomingHandler} methods; for frameworks that find handler
	 * methods themselves.
	 * @param method the incoming method's name
	 * @param target the object to call the handler method on
	 * @param handlerMethod the handler method; its parameters are matched by name
	 * @throws IllegalArgumentException if the method is not incoming, or the handler's parameters
	 * do not fit, naming the handler method
	 */
	public void connect(String method, Object target, Method handlerMethod) {
		this.listeners.connect(method, target, handlerMethod);
	}

	/**
	 * Returns the endpoint's name: the API name unless the builder gave another.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the API interface.
	 * @return the interface
	 */
	public Class<T> apiType() {
		return this.apiType;
	}

	/**
	 * Returns whether this endpoint is the inverted side: its incoming methods are those the
	 * interface declares {@link Outgoing}, and the other way round.
	 * @return whether the API is inverted
	 */
	public boolean isInverted() {
		return this.model.inverted;
	}

	/**
	 * Returns how long a request waits for its reply.
	 * @return the reply timeout
	 */
	public Duration replyTimeout() {
		return this.replyTimeout;
	}

	/**
	 * Returns how long a call of one method waits for its reply: the timeout given to the
	 * builder for it, else its {@link ReplyTimeout}, else the endpoint's {@link #replyTimeout()}.
	 * @param method the name of a method this side calls with a reply
	 * @return the timeout
	 * @throws IllegalArgumentException if the API has no such method this side calls with a reply
	 */
	public Duration replyTimeout(String method) {
		return this.pending.timeout(this.model.calledWithReply(method, "Endpoint '" + this.name + "'"));
	}

	/**
	 * Returns the codec.
	 * @return the codec
	 */
	public Codec codec() {
		return this.outbox.codec;
	}

	/**
	 * Returns the transport.
	 * @return the transport
	 */
	public Transport transport() {
		return this.outbox.transport();
	}

	/**
	 * Returns the security provider.
	 * @return the security provider
	 */
	public Security security() {
		return this.outbox.security;
	}

	@Override
	public String toString() {
		return "RpcEndpoint '" + this.name + "' (" + this.apiType.getSimpleName() + (isInverted() ? ", inverted" : "")
				+ ", " + this.outbox.codec + ", " + this.outbox.transport() + ", " + this.outbox.security + ")";
	}

	private Set<String> methodNames(boolean incoming) {
		Set<String> names = new TreeSet<>();
		for (MethodModel method : this.model.methods()) {
			if (method.incoming == incoming) {
				names.add(method.name);
			}
		}
		return names;
	}

	private io.netty.util.@Nullable Timer timer() {
		EndpointThreads running = this.threads;
		return (running != null) ? running.timer() : null;
	}

	private FairExecutor handlers() {
		EndpointThreads running = this.threads;
		if (running == null) {
			throw new java.util.concurrent.RejectedExecutionException("endpoint '" + this.name + "' is stopped");
		}
		return running.handlers();
	}

	/**
	 * Builds an {@link RpcEndpoint}. Only the transport is required; components may be given as
	 * objects or as expressions for the default {@link Registry registries}.
	 *
	 * @param <T> the remote API interface
	 */
	public static final class Builder<T> {

		private static final JacksonConverterFactory DEFAULT_JACKSON = JacksonConverterFactory.create();

		private final Class<T> apiType;

		private @Nullable String name;

		private final Choice<Codec> codec = new Choice<Codec>().expression("jrpc");

		private final Choice<Transport> transport = new Choice<>();

		private final Choice<Security> security = new Choice<Security>().expression("null");

		private @Nullable Registry<Codec> codecs;

		private @Nullable Registry<Transport> transports;

		private @Nullable Registry<Security> securities;

		private boolean inverted;

		private Duration replyTimeout = DEFAULT_REPLY_TIMEOUT;

		private final Map<String, Duration> methodReplyTimeouts = new LinkedHashMap<>();

		private int maxPendingReplies = DEFAULT_MAX_PENDING_REPLIES;

		private @Nullable Executor handlerExecutor;

		private int handlerConcurrency = DEFAULT_HANDLER_CONCURRENCY;

		private boolean handlersOnReceivingThread;

		private int maxQueuedCalls = DEFAULT_MAX_QUEUED_CALLS;

		private int maxQueuedCallsPerPeer = DEFAULT_MAX_QUEUED_CALLS_PER_PEER;

		private long maxQueuedCallBytesPerPeer = DEFAULT_MAX_QUEUED_CALL_BYTES_PER_PEER;

		private boolean sendStackTraces;

		private @Nullable NetworkOptions networkOptions;

		private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

		private @Nullable ErrorListener errorListener;

		private @Nullable CallObserver callObserver;

		private final List<ExceptionMapper> exceptionMappers = new ArrayList<>();

		private final List<ErrorDecoder> errorDecoders = new ArrayList<>();

		private final List<CallInterceptor> interceptors = new ArrayList<>();

		private @Nullable JsonMapper mapper;

		private final List<Converter.Factory> converterFactories = new ArrayList<>();

		private Builder(Class<T> apiType) {
			this.apiType = apiType;
		}

		/**
		 * Sets the endpoint's name, to tell apart two endpoints of one API. Defaults to the API
		 * name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder<T> name(String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the codec by expression, such as {@code jrpc} (the default) or {@code jrpc:\n}.
		 * @param expression the codec expression
		 * @return this builder
		 */
		public Builder<T> codec(String expression) {
			this.codec.expression(expression);
			return this;
		}

		/**
		 * Sets the codec.
		 * @param codec the codec
		 * @return this builder
		 */
		public Builder<T> codec(Codec codec) {
			this.codec.instance(codec);
			return this;
		}

		/**
		 * Sets the transport by expression, such as {@code internal:bus} or {@code tcpserv::8888}.
		 * @param expression the transport expression
		 * @return this builder
		 */
		public Builder<T> transport(String expression) {
			this.transport.expression(expression);
			return this;
		}

		/**
		 * Sets the transport. The endpoint starts and stops it.
		 * @param transport the transport
		 * @return this builder
		 */
		public Builder<T> transport(Transport transport) {
			this.transport.instance(transport);
			return this;
		}

		/**
		 * Sets the security provider by expression, such as {@code null} (the default).
		 * @param expression the security expression
		 * @return this builder
		 */
		public Builder<T> security(String expression) {
			this.security.expression(expression);
			return this;
		}

		/**
		 * Sets the security provider.
		 * @param security the security provider
		 * @return this builder
		 */
		public Builder<T> security(Security security) {
			this.security.instance(security);
			return this;
		}

		/**
		 * Sets the registry that creates the codec from its expression, instead of the one of
		 * the codecs on the class path ({@link Registry#codecs()}).
		 * @param registry the codec registry
		 * @return this builder
		 */
		public Builder<T> codecRegistry(Registry<Codec> registry) {
			this.codecs = registry;
			return this;
		}

		/**
		 * Sets the registry that creates the transport from its expression, instead of the one of
		 * the transports on the class path ({@link Registry#transports()}). {@link #networkOptions}
		 * are handed to its factories.
		 * @param registry the transport registry
		 * @return this builder
		 */
		public Builder<T> transportRegistry(Registry<Transport> registry) {
			this.transports = registry;
			return this;
		}

		/**
		 * Sets the registry that creates the security provider from its expression, instead of
		 * the one of the providers on the class path ({@link Registry#securities()}).
		 * @param registry the security registry
		 * @return this builder
		 */
		public Builder<T> securityRegistry(Registry<Security> registry) {
			this.securities = registry;
			return this;
		}

		/**
		 * Sets whether this is the inverted side of the API, whose incoming methods are the
		 * interface's outgoing ones and the other way round. Default: {@code false}.
		 * @param inverted whether to invert
		 * @return this builder
		 */
		public Builder<T> inverted(boolean inverted) {
			this.inverted = inverted;
			return this;
		}

		/**
		 * Sets how long a request waits for its reply. Default: 10 seconds. A request that gets
		 * no reply fails with {@link ReplyTimeoutException} no sooner than this, and at most two
		 * checks later: waiting requests are checked every fiftieth of the shortest timeout,
		 * within 10 to 200 ms.
		 * @param replyTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder<T> replyTimeout(Duration replyTimeout) {
			if (replyTimeout.isNegative() || replyTimeout.isZero()) {
				throw new IllegalArgumentException("replyTimeout must be positive, not " + replyTimeout);
			}
			this.replyTimeout = replyTimeout;
			return this;
		}

		/**
		 * Sets how long a call of one method waits for its reply, replacing the method's
		 * {@link ReplyTimeout} and, for this method, {@link #replyTimeout(Duration)}.
		 * {@link #build()} fails if this side does not call the method with a reply.
		 * @param method the method's name
		 * @param replyTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder<T> replyTimeout(String method, Duration replyTimeout) {
			if (replyTimeout.isNegative() || replyTimeout.isZero()) {
				throw new IllegalArgumentException("The reply timeout of method '" + method + "' must be positive, not "
						+ replyTimeout);
			}
			this.methodReplyTimeouts.put(method, replyTimeout);
			return this;
		}

		/**
		 * Sets how many requests may wait for replies at once; past it, a call fails at once.
		 * Default: 10,000.
		 * @param maxPendingReplies the bound, at least 1
		 * @return this builder
		 */
		public Builder<T> maxPendingReplies(int maxPendingReplies) {
			if (maxPendingReplies < 1) {
				throw new IllegalArgumentException("maxPendingReplies must be at least 1, not " + maxPendingReplies);
			}
			this.maxPendingReplies = maxPendingReplies;
			return this;
		}

		/**
		 * Sets the executor that runs incoming calls, each peer's in turn, at most
		 * {@link #handlerConcurrency} at a time. Default: threads the endpoint owns. Replaces
		 * {@link #handlersOnReceivingThread()}.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder<T> handlerExecutor(Executor executor) {
			this.handlerExecutor = executor;
			this.handlersOnReceivingThread = false;
			return this;
		}

		/**
		 * Runs each incoming call at once on the thread that received it, such as a network
		 * transport's event loop: no queue, and no hand-over between threads, which costs more
		 * than a small call itself. For handlers that never block: while one runs, every peer of
		 * its thread waits, and it must not wait for a reply (such a call fails at once). Nothing
		 * waits, so the bounds on queued calls do not apply; a busy thread reads no more from its
		 * peers, which slows them down. Replaces {@link #handlerExecutor}; a
		 * {@link #handlerConcurrency} above one is refused with it, as it has no effect.
		 * @return this builder
		 */
		public Builder<T> handlersOnReceivingThread() {
			this.handlersOnReceivingThread = true;
			this.handlerExecutor = null;
			return this;
		}

		/**
		 * Sets how many incoming calls may run at once. Default: 1, which keeps their order, as
		 * the Python original does.
		 * @param concurrency the number, at least 1
		 * @return this builder
		 */
		public Builder<T> handlerConcurrency(int concurrency) {
			if (concurrency < 1) {
				throw new IllegalArgumentException("handlerConcurrency must be at least 1, not " + concurrency);
			}
			this.handlerConcurrency = concurrency;
			return this;
		}

		/**
		 * Sets how many received calls of all peers may wait for a handler thread. Past it, the
		 * peer whose call arrives is held back as past its own bound (see
		 * {@link #maxQueuedCallsPerPeer(int)}). Default: 100,000.
		 * @param maxQueuedCalls the bound, at least 1
		 * @return this builder
		 */
		public Builder<T> maxQueuedCalls(int maxQueuedCalls) {
			if (maxQueuedCalls < 1) {
				throw new IllegalArgumentException("maxQueuedCalls must be at least 1, not " + maxQueuedCalls);
			}
			this.maxQueuedCalls = maxQueuedCalls;
			return this;
		}

		/**
		 * Sets how many received calls of one peer may wait for a handler thread. Past it, the
		 * transport stops reading from that peer until half of them are handled, and TCP slows the
		 * sender down; nothing is lost. A transport that cannot hold a peer back (udp, nats)
		 * drops the calls past the bound instead: a request is answered at once with error
		 * {@link RemoteException#OVERLOADED}, and drops are counted in
		 * {@link CallStatistics#droppedCalls()}. Default: 1,000.
		 * @param maxQueuedCallsPerPeer the bound, at least 1
		 * @return this builder
		 */
		public Builder<T> maxQueuedCallsPerPeer(int maxQueuedCallsPerPeer) {
			if (maxQueuedCallsPerPeer < 1) {
				throw new IllegalArgumentException(
						"maxQueuedCallsPerPeer must be at least 1, not " + maxQueuedCallsPerPeer);
			}
			this.maxQueuedCallsPerPeer = maxQueuedCallsPerPeer;
			return this;
		}

		/**
		 * Sets how many bytes of one peer's received calls may wait for a handler thread, with
		 * the same effect as {@link #maxQueuedCallsPerPeer(int)} past it. Default: 4 MiB.
		 * @param maxQueuedCallBytesPerPeer the bound in bytes, at least 1
		 * @return this builder
		 */
		public Builder<T> maxQueuedCallBytesPerPeer(long maxQueuedCallBytesPerPeer) {
			if (maxQueuedCallBytesPerPeer < 1) {
				throw new IllegalArgumentException(
						"maxQueuedCallBytesPerPeer must be at least 1, not " + maxQueuedCallBytesPerPeer);
			}
			this.maxQueuedCallBytesPerPeer = maxQueuedCallBytesPerPeer;
			return this;
		}

		/**
		 * Sets whether the error reply to a request whose handler threw carries the stack trace
		 * (as {@code data.stackTrace}). Default: {@code false}: the reply tells the exception's
		 * type and message only, since a stack trace shows a peer the server's internals.
		 * @param sendStackTraces whether to send stack traces
		 * @return this builder
		 */
		public Builder<T> sendStackTraces(boolean sendStackTraces) {
			this.sendStackTraces = sendStackTraces;
			return this;
		}

		/**
		 * Sets limits, keepalive and TLS for a network transport given by expression (such as
		 * {@code tcpserv::8888}, also inside {@code restart:} or {@code mux:}). Default:
		 * {@link NetworkOptions#defaults()}. A transport given as an object keeps its own.
		 * @param options the options
		 * @return this builder
		 */
		public Builder<T> networkOptions(NetworkOptions options) {
			this.networkOptions = options;
			return this;
		}

		/**
		 * Sets how long {@link RpcEndpoint#stop()} waits for running handlers. Default: 10 seconds.
		 * @param grace the wait, zero or more
		 * @return this builder
		 */
		public Builder<T> shutdownGrace(Duration grace) {
			if (grace.isNegative()) {
				throw new IllegalArgumentException("shutdownGrace must not be negative, not " + grace);
			}
			this.shutdownGrace = grace;
			return this;
		}

		/**
		 * Sets the listener for incoming messages that went wrong. Default: log at WARN, at most ten
		 * lines a second.
		 * @param errorListener the listener
		 * @return this builder
		 */
		public Builder<T> errorListener(ErrorListener errorListener) {
			this.errorListener = errorListener;
			return this;
		}

		/**
		 * Adds a mapper that decides what error reply the exceptions of this endpoint's handlers
		 * get, and whether they are expected outcomes (logged at DEBUG) or failures. Mappers are
		 * asked in the order added; the first that maps an exception answers. Default: an
		 * exception whose class is annotated {@link RpcError}, or that the method declares,
		 * answers with its code; any other exception is a failure, answered with
		 * {@link RemoteException#SERVER_ERROR}.
		 * @param exceptionMapper the mapper, asked before the defaults except {@link RpcError}
		 * @return this builder
		 */
		public Builder<T> exceptionMapper(ExceptionMapper exceptionMapper) {
			this.exceptionMappers.add(exceptionMapper);
			return this;
		}

		/**
		 * Adds a decoder that decides what exception a call answered with an error reply throws.
		 * Decoders are asked in the order added; the first that returns an exception answers.
		 * Default: the exception that the method's {@code throws} clause declares for the error
		 * (see {@link RpcError}), else {@link RemoteException}.
		 * @param errorDecoder the decoder, asked before the defaults
		 * @return this builder
		 */
		public Builder<T> errorDecoder(ErrorDecoder errorDecoder) {
			this.errorDecoders.add(errorDecoder);
			return this;
		}

		/**
		 * Sets an observer of every call, for metrics; the endpoint's own
		 * {@link RpcEndpoint#statistics()} count calls either way.
		 * @param callObserver the observer
		 * @return this builder
		 */
		public Builder<T> callObserver(CallObserver callObserver) {
			this.callObserver = callObserver;
			return this;
		}

		/**
		 * Adds an interceptor of every call, for tracing or access control; interceptors wrap each
		 * other in the order they are added, the first outermost. Without any, calls are not slowed.
		 * @param interceptor the interceptor
		 * @return this builder
		 */
		public Builder<T> interceptor(CallInterceptor interceptor) {
			this.interceptors.add(interceptor);
			return this;
		}

		/**
		 * Sets the Jackson mapper that converts parameters and results to and from JSON.
		 * @param mapper the mapper
		 * @return this builder
		 */
		public Builder<T> jsonMapper(JsonMapper mapper) {
			this.mapper = mapper;
			return this;
		}

		/**
		 * Adds a factory of converters, asked before those added after it and before Jackson's,
		 * which takes every type: for a type that Jackson cannot convert, or should convert
		 * otherwise.
		 * @param factory the factory
		 * @return this builder
		 */
		public Builder<T> converterFactory(Converter.Factory factory) {
			this.converterFactories.add(factory);
			return this;
		}

		/**
		 * Reads the API interface and creates the endpoint, not yet started.
		 * @return the endpoint
		 * @throws IllegalArgumentException if the interface is not a usable remote API (the
		 * message names the method), or an expression is invalid
		 * ({@link io.quickrpc.spi.InvalidExpressionException})
		 */
		public RpcEndpoint<T> build() {
			JsonMapper mapper = this.mapper;
			Converters converters = new Converters(this.converterFactories,
					(mapper != null) ? JacksonConverterFactory.create(mapper) : DEFAULT_JACKSON);
			ApiModel model = ApiModel.of(this.apiType, this.inverted, converters, this.methodReplyTimeouts);
			if (this.transport.isEmpty()) {
				throw new IllegalArgumentException("No transport given for API '" + model.name + "'; set one, such as "
						+ "transport(\"tcpserv::8888\") or transport(\"internal:bus\")");
			}
			if (this.handlersOnReceivingThread && this.handlerConcurrency > 1) {
				throw new IllegalArgumentException("handlerConcurrency " + this.handlerConcurrency + " has no effect for API '"
						+ model.name + "': its handlers run on the receiving thread, one call at a time per thread; "
						+ "drop one of the two settings");
			}
			Codec codec = this.codec.create((this.codecs != null) ? this.codecs : Registry.codecs());
			Registry<Transport> transports = ((this.transports != null) ? this.transports : Registry.transports())
				.with(ApiName.class, new ApiName(model.name, model.methods().stream()
					.filter((method) -> method.incoming)
					.map((method) -> method.name)
					.sorted()
					.toList()));
			NetworkOptions options = this.networkOptions;
			Transport transport = this.transport
				.create((options != null) ? transports.with(NetworkOptions.class, options) : transports);
			Security security = this.security.create((this.securities != null) ? this.securities : Registry.securities());
			return new RpcEndpoint<>(this, model, new Outbox(codec, security, transport), new ErrorData(converters));
		}

		/** A component given by expression or as an instance; the last one set counts. */
		private static final class Choice<C> {

			private @Nullable String expression;

			private @Nullable C instance;

			Choice<C> expression(String expression) {
				this.expression = expression;
				this.instance = null;
				return this;
			}

			void instance(C instance) {
				this.instance = instance;
				this.expression = null;
			}

			boolean isEmpty() {
				return this.expression == null && this.instance == null;
			}

			C create(Registry<C> registry) {
				C given = this.instance;
				return (given != null) ? given : registry.create(java.util.Objects.requireNonNull(this.expression));
			}

		}

	}

}
