package io.quickrpc.transport.nats;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

import io.nats.client.Connection;
import io.nats.client.Options;

/**
 * Settings of the {@code nats:} transport that an expression does not carry: credentials, TLS,
 * the connection's name, timeouts and reconnection, and presence. Secrets belong here, never in
 * the expression. Hand them to transports created from expressions with
 * {@code Registry.transports().with(NatsOptions.class, options)}, or to an endpoint with
 * {@code RpcEndpoint.builder(Api.class).transportRegistry(Registry.transports().with(NatsOptions.class, options))}.
 * <p>
 * The transport either opens a connection of its own per start, built from these settings (on top
 * of the application's {@link #natsOptions() Options} if given), or uses the application's
 * {@link #connection() Connection}, which it neither configures nor closes.
 * <p>
 * Instances are immutable; {@link #toBuilder()} starts a modified copy. {@link #toString()} shows
 * no secret.
 */
public final class NatsOptions {

	/** How often, by default, an endpoint tells the others it is alive: every second. */
	public static final Duration DEFAULT_PRESENCE_INTERVAL = Duration.ofSeconds(1);

	/** How long, by default, a silent peer counts as present: 4 s, four missed heartbeats. */
	public static final Duration DEFAULT_PRESENCE_TIMEOUT = Duration.ofSeconds(4);

	/** How long, by default, {@code start()} waits for the endpoints already there to answer: 100 ms. */
	public static final Duration DEFAULT_DISCOVERY_WAIT = Duration.ofMillis(100);

	/** How long, by default, connecting may take: 2 s, as jnats. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** How long, by default, jnats waits before it tries a server again: 2 s, as jnats. */
	public static final Duration DEFAULT_RECONNECT_WAIT = Duration.ofSeconds(2);

	/** How many reconnection attempts, by default: -1, for ever. */
	public static final int DEFAULT_MAX_RECONNECTS = -1;

	private static final NatsOptions DEFAULTS = builder().build();

	private final List<String> servers;

	private final char @Nullable [] user;

	private final char @Nullable [] password;

	private final char @Nullable [] token;

	private final char @Nullable [] nkeySeed;

	private final @Nullable Path credentials;

	private final @Nullable SSLContext sslContext;

	private final @Nullable String connectionName;

	/** {@code null} where not set: jnats's options, or the defaults, apply. */
	private final @Nullable Duration connectTimeout;

	private final @Nullable Integer maxReconnects;

	private final @Nullable Duration reconnectWait;

	private final Duration presenceInterval;

	private final Duration presenceTimeout;

	private final Duration discoveryWait;

	private final @Nullable String serviceVersion;

	private final @Nullable Options natsOptions;

	private final @Nullable Connection connection;

	private NatsOptions(Builder builder) {
		this.servers = builder.servers;
		this.user = builder.user;
		this.password = builder.password;
		this.token = builder.token;
		this.nkeySeed = builder.nkeySeed;
		this.credentials = builder.credentials;
		this.sslContext = builder.sslContext;
		this.connectionName = builder.connectionName;
		this.connectTimeout = builder.connectTimeout;
		this.maxReconnects = builder.maxReconnects;
		this.reconnectWait = builder.reconnectWait;
		this.presenceInterval = builder.presenceInterval;
		this.presenceTimeout = builder.presenceTimeout;
		this.discoveryWait = builder.discoveryWait;
		this.serviceVersion = builder.serviceVersion;
		this.natsOptions = builder.natsOptions;
		this.connection = builder.connection;
	}

	/**
	 * Returns the defaults: no credentials, no TLS, a 2 s connect timeout, reconnection for ever
	 * every 2 s per server, a heartbeat every second and a 4 s presence timeout.
	 * @return the default options
	 */
	public static NatsOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Starts options from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts options from these.
	 * @return a new builder holding these settings
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.servers = this.servers;
		builder.user = this.user;
		builder.password = this.password;
		builder.token = this.token;
		builder.nkeySeed = this.nkeySeed;
		builder.credentials = this.credentials;
		builder.sslContext = this.sslContext;
		builder.connectionName = this.connectionName;
		builder.connectTimeout = this.connectTimeout;
		builder.maxReconnects = this.maxReconnects;
		builder.reconnectWait = this.reconnectWait;
		builder.presenceInterval = this.presenceInterval;
		builder.presenceTimeout = this.presenceTimeout;
		builder.discoveryWait = this.discoveryWait;
		builder.serviceVersion = this.serviceVersion;
		builder.natsOptions = this.natsOptions;
		builder.connection = this.connection;
		return builder;
	}

	/**
	 * Returns the servers of an expression that names none, such as {@code nats::workers}.
	 * @return the server URLs, empty to keep those of {@link #natsOptions()}, or jnats's default
	 */
	public List<String> servers() {
		return this.servers;
	}

	/**
	 * Returns the connection's name, which the server's monitoring shows and which names jnats's
	 * threads.
	 * @return the name, or {@code null} for {@code quickrpc-NAMESPACE-PEER}
	 */
	public @Nullable String connectionName() {
		return this.connectionName;
	}

	/**
	 * Returns how long connecting to a server may take.
	 * @return the timeout
	 */
	public Duration connectTimeout() {
		return (this.connectTimeout != null) ? this.connectTimeout : DEFAULT_CONNECT_TIMEOUT;
	}

	/**
	 * Returns how many times jnats tries to reconnect after a connection is lost.
	 * @return the count, -1 for ever
	 */
	public int maxReconnects() {
		return (this.maxReconnects != null) ? this.maxReconnects : DEFAULT_MAX_RECONNECTS;
	}

	/**
	 * Returns how long jnats waits before it tries the same server again.
	 * @return the wait
	 */
	public Duration reconnectWait() {
		return (this.reconnectWait != null) ? this.reconnectWait : DEFAULT_RECONNECT_WAIT;
	}

	/**
	 * Returns how often an endpoint tells the others of its namespace that it is alive.
	 * @return the interval
	 */
	public Duration presenceInterval() {
		return this.presenceInterval;
	}

	/**
	 * Returns how long a peer may be silent before it is reported gone, and its pending requests
	 * fail.
	 * @return the timeout
	 */
	public Duration presenceTimeout() {
		return this.presenceTimeout;
	}

	/**
	 * Returns how long {@code start()} waits at most for the endpoints already in the namespace to
	 * answer its hello, so that {@code peers()} lists them when it returns. It returns sooner once
	 * the answers stop coming.
	 * @return the wait, {@link Duration#ZERO} for none
	 */
	public Duration discoveryWait() {
		return this.discoveryWait;
	}

	/**
	 * Returns the version a service member reports to the NATS services protocol.
	 * @return the version, or {@code null} for quickrpc's own
	 */
	public @Nullable String serviceVersion() {
		return this.serviceVersion;
	}

	/**
	 * Returns the application's jnats options that connections of the transport start from.
	 * @return the options, or {@code null}
	 */
	public @Nullable Options natsOptions() {
		return this.natsOptions;
	}

	/**
	 * Returns the application's connection, which the transport uses instead of opening one.
	 * @return the connection, or {@code null}
	 */
	public @Nullable Connection connection() {
		return this.connection;
	}

	/**
	 * Builds the jnats options of a connection of the transport's own.
	 * @param servers the server URLs of the expression; empty for {@link #servers()}, else
	 * those of {@link #natsOptions()}, or jnats's default, {@code nats://localhost:4222}
	 * @param defaultName the connection name if none is set
	 * @param listener hears the connection's events
	 * @param errors hears the connection's errors
	 * @return the options
	 */
	Options toNatsOptions(List<String> servers, String defaultName, io.nats.client.ConnectionListener listener,
			io.nats.client.ErrorListener errors) {
		Options.Builder builder;
		if (this.natsOptions != null) {
			builder = new Options.Builder(this.natsOptions);
			if (this.connectTimeout != null) {
				builder.connectionTimeout(this.connectTimeout);
			}
			if (this.maxReconnects != null && this.reconnectWait != null) {
				builder.maxReconnects(this.maxReconnects).reconnectWait(this.reconnectWait);
			}
		}
		else {
			builder = new Options.Builder().connectionTimeout(connectTimeout())
				.maxReconnects(maxReconnects())
				.reconnectWait(reconnectWait());
		}
		List<String> chosen = servers.isEmpty() ? this.servers : servers;
		if (!chosen.isEmpty()) {
			builder.servers(chosen.toArray(String[]::new));
		}
		if (this.user != null && this.password != null) {
			builder.userInfo(this.user, this.password);
		}
		if (this.token != null) {
			builder.token(this.token);
		}
		if (this.nkeySeed != null) {
			builder.authHandler(io.nats.client.Nats.staticCredentials(null, this.nkeySeed));
		}
		if (this.credentials != null) {
			builder.authHandler(io.nats.client.Nats.credentials(this.credentials.toString()));
		}
		if (this.sslContext != null) {
			builder.sslContext(this.sslContext);
		}
		if (this.connectionName != null) {
			builder.connectionName(this.connectionName);
		}
		else if (this.natsOptions == null || this.natsOptions.getConnectionName() == null) {
			builder.connectionName(defaultName);
		}
		return builder.connectionListener(listener).errorListener(errors).build();
	}

	@Override
	public String toString() {
		List<String> parts = new ArrayList<>();
		if (this.connection != null) {
			parts.add("connection=" + this.connection.getOptions().getConnectionName());
		}
		if (!this.servers.isEmpty()) {
			parts.add("servers=" + this.servers.stream().map(NatsOptions::withoutUserInfo).toList());
		}
		if (this.natsOptions != null) {
			parts.add("natsOptions=given");
		}
		if (this.user != null) {
			parts.add("user=" + new String(this.user) + ", password=***");
		}
		if (this.token != null) {
			parts.add("token=***");
		}
		if (this.nkeySeed != null) {
			parts.add("nkeySeed=***");
		}
		if (this.credentials != null) {
			parts.add("credentials=" + this.credentials);
		}
		if (this.sslContext != null) {
			parts.add("tls=" + this.sslContext.getProtocol());
		}
		if (this.connectionName != null) {
			parts.add("connectionName=" + this.connectionName);
		}
		parts.add("connectTimeout=" + connectTimeout());
		parts.add("maxReconnects=" + maxReconnects());
		parts.add("reconnectWait=" + reconnectWait());
		parts.add("presenceInterval=" + this.presenceInterval);
		parts.add("presenceTimeout=" + this.presenceTimeout);
		parts.add("discoveryWait=" + this.discoveryWait);
		return "NatsOptions" + parts;
	}

	/** Returns a server URL with a user and password, or token, that it carries masked. */
	private static String withoutUserInfo(String url) {
		int at = url.lastIndexOf('@');
		if (at < 0) {
			return url;
		}
		int scheme = url.indexOf("://");
		return ((scheme >= 0 && scheme < at) ? url.substring(0, scheme + 3) : "") + "***" + url.substring(at);
	}

	/**
	 * Builds {@link NatsOptions}; each setting is checked when it is set, and combinations when
	 * built.
	 */
	public static final class Builder {

		private List<String> servers = List.of();

		private char @Nullable [] user;

		private char @Nullable [] password;

		private char @Nullable [] token;

		private char @Nullable [] nkeySeed;

		private @Nullable Path credentials;

		private @Nullable SSLContext sslContext;

		private @Nullable String connectionName;

		private @Nullable Duration connectTimeout;

		private @Nullable Integer maxReconnects;

		private @Nullable Duration reconnectWait;

		private Duration presenceInterval = DEFAULT_PRESENCE_INTERVAL;

		private Duration presenceTimeout = DEFAULT_PRESENCE_TIMEOUT;

		private Duration discoveryWait = DEFAULT_DISCOVERY_WAIT;

		private @Nullable String serviceVersion;

		private @Nullable Options natsOptions;

		private @Nullable Connection connection;

		private Builder() {
		}

		/**
		 * Sets the servers that an expression naming none, such as {@code nats::workers}, connects
		 * to; an expression's own servers replace them.
		 * @param urls server URLs, such as {@code nats://10.0.0.1:4222}; empty for none
		 * @return this builder
		 */
		public Builder servers(List<String> urls) {
			for (String url : urls) {
				if (url == null || url.isBlank()) {
					throw new IllegalArgumentException("servers must not hold an empty URL: " + urls);
				}
			}
			this.servers = List.copyOf(urls);
			return this;
		}

		/**
		 * Authenticates with a user name and password.
		 * @param user the user name
		 * @param password the password
		 * @return this builder
		 */
		public Builder userInfo(String user, char[] password) {
			if (user.isEmpty()) {
				throw new IllegalArgumentException("user must not be empty");
			}
			this.user = user.toCharArray();
			this.password = password.clone();
			return this;
		}

		/**
		 * Authenticates with a token.
		 * @param token the token
		 * @return this builder
		 */
		public Builder token(char[] token) {
			this.token = token.clone();
			return this;
		}

		/**
		 * Authenticates with an NKey: the seed signs the server's challenge.
		 * @param seed the NKey seed, {@code SU...}
		 * @return this builder
		 */
		public Builder nkeySeed(char[] seed) {
			this.nkeySeed = seed.clone();
			return this;
		}

		/**
		 * Authenticates with a {@code .creds} file (a user JWT and its NKey seed), as issued by
		 * {@code nsc}.
		 * @param file the file, read at each connection
		 * @return this builder
		 */
		public Builder credentials(Path file) {
			this.credentials = file;
			return this;
		}

		/**
		 * Connects with TLS.
		 * @param context the TLS context, which trusts the servers' certificates and holds a client
		 * certificate if the servers require one
		 * @return this builder
		 */
		public Builder sslContext(SSLContext context) {
			this.sslContext = context;
			return this;
		}

		/**
		 * Names the connection.
		 * @param name the name the server's monitoring shows
		 * @return this builder
		 */
		public Builder connectionName(String name) {
			this.connectionName = name;
			return this;
		}

		/**
		 * Sets how long connecting to a server may take.
		 * @param timeout positive
		 * @return this builder
		 */
		public Builder connectTimeout(Duration timeout) {
			this.connectTimeout = positive("connectTimeout", timeout);
			return this;
		}

		/**
		 * Sets how jnats reconnects after the connection is lost: it tries each server of the list in
		 * turn, waiting {@code wait} before it tries one again.
		 * @param maxReconnects how many attempts, -1 for ever, 0 for none
		 * @param wait the wait before a server is tried again, positive
		 * @return this builder
		 */
		public Builder reconnect(int maxReconnects, Duration wait) {
			if (maxReconnects < -1) {
				throw new IllegalArgumentException("maxReconnects must be -1 (for ever) or more, not " + maxReconnects);
			}
			this.maxReconnects = maxReconnects;
			this.reconnectWait = positive("reconnect wait", wait);
			return this;
		}

		/**
		 * Sets the heartbeat and how long silence is tolerated.
		 * @param interval how often an endpoint says it is alive, positive
		 * @param timeout how long a peer may be silent before it is reported gone; at least twice
		 * the interval
		 * @return this builder
		 */
		public Builder presence(Duration interval, Duration timeout) {
			positive("presence interval", interval);
			if (timeout.compareTo(interval.multipliedBy(2)) < 0) {
				throw new IllegalArgumentException("the presence timeout (" + timeout + ") must be at least twice the "
						+ "interval (" + interval + "), or one late heartbeat would report a peer gone");
			}
			this.presenceInterval = interval;
			this.presenceTimeout = timeout;
			return this;
		}

		/**
		 * Sets how long {@code start()} waits at most for the endpoints already in the namespace to
		 * answer.
		 * @param wait zero or more
		 * @return this builder
		 */
		public Builder discoveryWait(Duration wait) {
			if (wait.isNegative()) {
				throw new IllegalArgumentException("discoveryWait must not be negative, not " + wait);
			}
			this.discoveryWait = wait;
			return this;
		}

		/**
		 * Sets the version a service member reports to the NATS services protocol
		 * ({@code $SRV.INFO}), such as the application's.
		 * @param version a semantic version, such as {@code 1.4.0}
		 * @return this builder
		 */
		public Builder serviceVersion(String version) {
			if (!io.nats.client.support.Validator.isSemVer(version)) {
				throw new IllegalArgumentException("serviceVersion must be a semantic version such as 1.4.0, not '"
						+ version + "'");
			}
			this.serviceVersion = version;
			return this;
		}

		/**
		 * Starts the transport's connections from the application's jnats options; the settings of
		 * this builder that are set apply on top, and the expression's servers replace theirs
		 * unless the expression names none.
		 * @param options the jnats options
		 * @return this builder
		 */
		public Builder natsOptions(Options options) {
			this.natsOptions = options;
			return this;
		}

		/**
		 * Uses the application's connection rather than one of the transport's own. The
		 * transport adds its subscriptions and listener to it and removes them when it stops,
		 * but never closes it; the expression's servers are then ignored and must be empty.
		 * @param connection a connected connection
		 * @return this builder
		 */
		public Builder connection(Connection connection) {
			this.connection = connection;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 * @throws IllegalStateException if a connection is given together with settings that only
		 * a connection of the transport's own can have
		 */
		public NatsOptions build() {
			if (this.connection != null) {
				List<String> ignored = new ArrayList<>();
				addIf(ignored, !this.servers.isEmpty(), "servers");
				addIf(ignored, this.user != null, "userInfo");
				addIf(ignored, this.token != null, "token");
				addIf(ignored, this.nkeySeed != null, "nkeySeed");
				addIf(ignored, this.credentials != null, "credentials");
				addIf(ignored, this.sslContext != null, "sslContext");
				addIf(ignored, this.connectionName != null, "connectionName");
				addIf(ignored, this.natsOptions != null, "natsOptions");
				addIf(ignored, this.connectTimeout != null, "connectTimeout");
				addIf(ignored, this.maxReconnects != null, "reconnect");
				if (!ignored.isEmpty()) {
					throw new IllegalStateException("NatsOptions has a connection of the application's own, which "
							+ "carries its own settings; remove " + String.join(", ", ignored)
							+ ", or configure them on that connection");
				}
			}
			int authentications = ((this.user != null) ? 1 : 0) + ((this.token != null) ? 1 : 0)
					+ ((this.nkeySeed != null) ? 1 : 0) + ((this.credentials != null) ? 1 : 0);
			if (authentications > 1) {
				throw new IllegalStateException("NatsOptions has " + authentications + " ways to authenticate; set one "
						+ "of userInfo, token, nkeySeed and credentials");
			}
			return new NatsOptions(this);
		}

		private static void addIf(List<String> names, boolean condition, String name) {
			if (condition) {
				names.add(name);
			}
		}

		private static Duration positive(String name, Duration value) {
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, not " + value);
			}
			return value;
		}

	}

}
