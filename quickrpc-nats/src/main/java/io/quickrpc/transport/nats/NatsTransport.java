package io.quickrpc.transport.nats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.service.Service;
import io.nats.service.ServiceEndpoint;
import io.nats.service.ServiceMessage;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;

/**
 * The {@code nats:} transport: an endpoint in a namespace of a NATS server or cluster, which
 * every other endpoint of the namespace can reach, each by its unique {@linkplain #peerName()
 * peer name}. A broadcast ({@code receivers == null}) reaches every other endpoint once; an
 * addressed send reaches exactly that peer. Endpoints configured with a service group also
 * share the group's requests, which other endpoints address as one peer named after the group;
 * see the package documentation for the subjects and the rules.
 * <p>
 * jnats keeps the connection, and reconnects over the server list with back-off. While the
 * connection is lost, {@link #isRunning()} is {@code false}, every peer is reported gone (so
 * pending requests fail at once) and sends fail with a {@link TransportException}; once jnats
 * has reconnected, the endpoint says hello again and its peers come back as they answer.
 * <p>
 * NATS cannot slow down one sender, so {@link #pauseReading(String)} returns {@code false}: an
 * endpoint that cannot keep up with a peer refuses the calls past its bounds.
 */
public final class NatsTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(NatsTransport.class);

	private static final String VERSION = version();

	/** Answers to a hello count as the end of discovery once none came for this long, at least. */
	private static final long MIN_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	/** How many peers, dropped or gone with a goodbye, are remembered so that late messages are ignored. */
	private static final int MAX_CUT = 4096;

	private final List<String> servers;

	/** The methods the endpoint handles, for the NATS services protocol; empty if not known. */
	private final List<String> methods;

	private final String namespace;

	private final @Nullable String group;

	private final NatsOptions options;

	private final int maxFrameSize;

	private final Subjects subjects;

	private volatile @Nullable Run run;

	NatsTransport(List<String> servers, String namespace, @Nullable String group, NatsOptions options,
			int maxFrameSize, List<String> methods) {
		this.methods = List.copyOf(methods);
		this.servers = List.copyOf(servers);
		this.namespace = namespace;
		this.group = group;
		this.options = options;
		this.maxFrameSize = maxFrameSize;
		this.subjects = new Subjects(namespace);
	}

	/**
	 * Returns the namespace: the API's endpoints that share it see each other.
	 * @return the namespace
	 */
	public String namespace() {
		return this.namespace;
	}

	/**
	 * Returns the service group this endpoint is a member of.
	 * @return the group, or {@code null} if it is none's
	 */
	public @Nullable String group() {
		return this.group;
	}

	/**
	 * Returns the name other endpoints know this one by: unique, chosen anew at each start.
	 * @return the name, or {@code null} while not running
	 */
	public @Nullable String peerName() {
		Run current = this.run;
		return (current != null) ? current.name : null;
	}

	/**
	 * Returns the server this transport is connected to now.
	 * @return its URL, or {@code null} while not running or reconnecting
	 */
	public @Nullable String connectedServer() {
		Run current = this.run;
		return (current != null && current.connected) ? current.connection.getConnectedUrl() : null;
	}

	@Override
	public synchronized void start(Listener listener) {
		if (this.run != null) {
			return;
		}
		String name = NUID.nextGlobal();
		ConnectionEvents events = new ConnectionEvents();
		Connection given = this.options.connection();
		Connection connection;
		if (given != null) {
			if (given.getStatus() != Connection.Status.CONNECTED) {
				throw new TransportException("Cannot start " + this + ": the NATS connection in its NatsOptions is "
						+ given.getStatus() + "; hand it over connected");
			}
			connection = given;
			connection.addConnectionListener(events);
		}
		else {
			connection = connect(this.options.toNatsOptions(this.servers, "quickrpc-" + this.namespace + "-" + name,
					events, new Errors()));
		}
		Run starting = new Run(name, listener, connection, given == null, events);
		events.run = starting;
		try {
			starting.open();
		}
		catch (RuntimeException ex) {
			starting.close(false);
			throw ex;
		}
		this.run = starting;
		logger.info("{} connected to NATS at {} as peer '{}'", this, connection.getConnectedUrl(), name);
		starting.discover();
	}

	private Connection connect(Options natsOptions) {
		String where = (this.servers.isEmpty()) ? String.join(",", natsOptions.getUnprocessedServers())
				: String.join(",", this.servers);
		try {
			return Nats.connect(natsOptions);
		}
		catch (AuthenticationException ex) {
			throw new TransportException("NATS at " + where + " refused the credentials of " + this + " ("
					+ ex.getMessage() + "); check the user and password, token, NKey seed or .creds file given in "
					+ "NatsOptions, and the server's authorization settings", ex);
		}
		catch (IOException ex) {
			String reason = String.valueOf(ex.getMessage());
			if (reason.contains("Authorization Violation") || reason.contains("uthentication")) {
				throw new TransportException("NATS at " + where + " refused the credentials of " + this + " (" + reason
						+ "); check the user and password, token, NKey seed or .creds file given in NatsOptions, and "
						+ "the server's authorization settings", ex);
			}
			throw new TransportException("Cannot connect " + this + " to NATS at " + where + " (" + reason
					+ "); check that nats-server runs there and is reachable, or list other servers in the expression",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransportException("Interrupted while connecting " + this + " to NATS at " + where, ex);
		}
	}

	@Override
	public void stop() {
		Run stopping;
		synchronized (this) {
			stopping = this.run;
			this.run = null;
		}
		if (stopping != null) {
			stopping.close(true);
		}
	}

	@Override
	public boolean isRunning() {
		Run current = this.run;
		return current != null && current.connected;
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		Run current = this.run;
		if (current == null) {
			throw new TransportException("Cannot send on " + this + ": it is not running; start it first");
		}
		current.send(data, receivers);
	}

	@Override
	public Set<String> peers() {
		Run current = this.run;
		return (current != null) ? current.peers() : Set.of();
	}

	/**
	 * Returns the service peer while exactly one service group is present and this endpoint is
	 * none's member: requests that name no peer go to it, one member taking each.
	 */
	@Override
	public @Nullable String defaultReceiver() {
		Run current = this.run;
		if (current == null || this.group != null) {
			return null;
		}
		Iterator<String> services = current.services.keySet().iterator();
		String sole = services.hasNext() ? services.next() : null;
		return (sole != null && !services.hasNext()) ? sole : null;
	}

	@Override
	public String toString() {
		return "nats:" + (this.servers.isEmpty() ? "" : "(" + String.join(",", this.servers) + ")") + ":"
				+ this.namespace + ((this.group != null) ? ":" + this.group : "");
	}

	private static String version() {
		try (InputStream in = NatsTransport.class.getResourceAsStream("quickrpc-nats.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version", "");
				if (io.nats.client.support.Validator.isSemVer(version)) {
					return version;
				}
			}
		}
		catch (IOException ex) {
			// the fallback below
		}
		return "0.0.0";
	}

	/** What one peer told of itself. */
	private static final class PeerState {

		volatile long lastSeen = System.nanoTime();

		@Nullable String group;

	}

	/** Where the connection stands; changes are logged once each. */
	private enum Link {
		UP, DOWN, CLOSED
	}

	/** One run of the transport, from start to stop, on one connection. */
	private final class Run {

		final String name;

		private final Listener listener;

		private final Connection connection;

		private final boolean ownsConnection;

		private final ConnectionEvents events;

		/** Individual peers, by name. */
		final Map<String, PeerState> peers = new ConcurrentHashMap<>();

		/** Present service groups other than this endpoint's own, with their members. */
		final Map<String, Set<String>> services = new ConcurrentHashMap<>();

		/** On a member: the endpoints that reached it through its group, as {@code PEER@GROUP}. */
		final Set<String> requesters = ConcurrentHashMap.newKeySet();

		/** Guards every listener callback and the peer tables' changes: one callback at a time. */
		private final ReentrantLock lock = new ReentrantLock();

		/** Unconsumed bytes by delivered peer name; under the lock. */
		private final Map<String, ByteBuffer> remainders = new HashMap<>();

		/** Peers this run no longer hears: dropped, or gone with a goodbye; under the lock. */
		private final Set<String> cut = new LinkedHashSet<>();

		/** Set under the lock when stopping: no callback after it. */
		private boolean closed;

		volatile boolean stopped;

		volatile boolean connected;

		private volatile Link link = Link.UP;

		private @Nullable Dispatcher dispatcher;

		private @Nullable Service service;

		private @Nullable ScheduledExecutorService timer;

		private final Object discovery = new Object();

		private volatile boolean discovering;

		private long helloNanos;

		private long firstAnswerNanos;

		private long lastAnswerNanos;

		private final byte[] beat;

		private final byte[] hello;

		Run(String name, Listener listener, Connection connection, boolean ownsConnection, ConnectionEvents events) {
			this.name = name;
			this.listener = listener;
			this.connection = connection;
			this.ownsConnection = ownsConnection;
			this.events = events;
			String groupSuffix = (NatsTransport.this.group != null) ? " " + NatsTransport.this.group : "";
			this.beat = ("beat" + groupSuffix).getBytes(StandardCharsets.US_ASCII);
			this.hello = ("hello" + groupSuffix).getBytes(StandardCharsets.US_ASCII);
		}

		/** Subscribes, joins the service group, starts the heartbeat and says hello. */
		void open() {
			Subjects subjects = NatsTransport.this.subjects;
			Dispatcher created = this.connection.createDispatcher();
			this.dispatcher = created;
			created.subscribe(subjects.allWildcard(), this::onData);
			created.subscribe(subjects.toWildcard(this.name), this::onData);
			created.subscribe(subjects.viaWildcard(this.name), this::onVia);
			created.subscribe(subjects.presenceWildcard(), this::onPresence);
			created.subscribe(subjects.presenceToWildcard(this.name), this::onPresence);
			String group = NatsTransport.this.group;
			if (group != null) {
				this.service = service(group, created);
				this.service.startService();
			}
			String threadName = String.valueOf(this.connection.getOptions().getConnectionName()) + "-presence";
			ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, threadName);
				thread.setDaemon(true);
				return thread;
			});
			this.timer = scheduler;
			long interval = NatsTransport.this.options.presenceInterval().toNanos();
			scheduler.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.NANOSECONDS);
			this.connected = true;
			this.discovering = !NatsTransport.this.options.discoveryWait().isZero();
			this.helloNanos = System.nanoTime();
			publish(subjects.presence(this.name), this.hello);
			flush();
		}

		private Service service(String group, Dispatcher dispatcher) {
			Subjects subjects = NatsTransport.this.subjects;
			String version = NatsTransport.this.options.serviceVersion();
			Map<String, String> metadata = Map.of("quickrpc.namespace", NatsTransport.this.namespace, "quickrpc.group",
					group, "quickrpc.peer", this.name, "quickrpc.transport", NatsTransport.this.toString(),
					"quickrpc.version", VERSION, "quickrpc.methods", String.join(",", NatsTransport.this.methods));
			ServiceEndpoint endpoint = ServiceEndpoint.builder()
				.endpointName("calls")
				.endpointSubject(subjects.serviceWildcard(group))
				.endpointQueueGroup(group)
				.endpointMetadata(Map.of("quickrpc.replies", subjects.via("*", group), "quickrpc.direct",
						subjects.toWildcard(this.name)))
				.handler(this::onServiceRequest)
				.dispatcher(dispatcher)
				.build();
			return Service.builder()
				.connection(this.connection)
				.name(NatsTransport.this.namespace)
				.version((version != null) ? version : VERSION)
				.description("quickrpc endpoints of namespace '" + NatsTransport.this.namespace + "', service group '"
						+ group + "'")
				.metadata(metadata)
				.addServiceEndpoint(endpoint)
				.build();
		}

		/** Waits a little for the endpoints already in the namespace to answer the hello. */
		void discover() {
			long deadline = this.helloNanos + NatsTransport.this.options.discoveryWait().toNanos();
			synchronized (this.discovery) {
				try {
					while (this.discovering) {
						long now = System.nanoTime();
						long until = deadline;
						if (this.firstAnswerNanos != 0) {
							long quiet = Math.max(MIN_QUIET_NANOS, 3 * (this.firstAnswerNanos - this.helloNanos));
							until = Math.min(deadline, this.lastAnswerNanos + quiet);
						}
						if (now >= until) {
							break;
						}
						TimeUnit.NANOSECONDS.timedWait(this.discovery, until - now);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					this.discovering = false;
				}
			}
		}

		private void answered() {
			if (this.discovering) {
				synchronized (this.discovery) {
					long now = System.nanoTime();
					if (this.firstAnswerNanos == 0) {
						this.firstAnswerNanos = now;
					}
					this.lastAnswerNanos = now;
					this.discovery.notifyAll();
				}
			}
		}

		void send(byte[] data, @Nullable Collection<String> receivers) {
			if (this.stopped) {
				throw new TransportException("Cannot send on " + NatsTransport.this + ": it is not running; start it first");
			}
			if (!this.connected) {
				throw new TransportException("Cannot send on " + NatsTransport.this + ": its NATS connection is "
						+ ((this.link == Link.CLOSED) ? "closed for good; stop and start the transport"
								: "lost, and jnats is reconnecting; send again once isRunning() is true")
						+ "; the message was not sent");
			}
			long maxPayload = this.connection.getMaxPayload();
			if (maxPayload > 0 && data.length > maxPayload) {
				throw new TransportException("Cannot send a message of " + data.length + " bytes on " + NatsTransport.this
						+ ": the NATS server takes at most " + maxPayload + " bytes per message (its max_payload); send "
						+ "less, or raise max_payload in the server's configuration");
			}
			Subjects subjects = NatsTransport.this.subjects;
			if (receivers == null) {
				publish(subjects.all(this.name), data);
				return;
			}
			List<String> targets = new ArrayList<>(receivers.size());
			for (String receiver : receivers) {
				targets.add(subject(receiver));
			}
			for (String target : targets) {
				publish(target, data);
			}
		}

		private String subject(String receiver) {
			Subjects subjects = NatsTransport.this.subjects;
			if (this.peers.containsKey(receiver)) {
				return subjects.to(receiver, this.name);
			}
			if (this.services.containsKey(receiver)) {
				return subjects.service(receiver, this.name);
			}
			String group = NatsTransport.this.group;
			if (group != null && this.requesters.contains(receiver)) {
				return subjects.via(receiver.substring(0, receiver.length() - group.length() - 1), group);
			}
			throw new TransportException("Unknown receiver '" + receiver + "' on " + NatsTransport.this
					+ "; connected peers: " + peers());
		}

		private void publish(String subject, byte[] data) {
			try {
				this.connection.publish(subject, data);
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				throw new TransportException("Cannot send on " + NatsTransport.this + " (" + ex.getMessage()
						+ "); the message was not sent", ex);
			}
		}

		private void flush() {
			try {
				this.connection.flush(NatsTransport.this.options.connectTimeout());
			}
			catch (TimeoutException | IllegalStateException ex) {
				logger.debug("{} could not flush its NATS connection: {}", NatsTransport.this, ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		Set<String> peers() {
			Set<String> all = new TreeSet<>(this.peers.keySet());
			all.addAll(this.services.keySet());
			all.addAll(this.requesters);
			return all;
		}

		/** A broadcast or an addressed message, from the peer its subject names last. */
		private void onData(Message message) {
			String sender = Subjects.last(message.getSubject());
			if (sender.equals(this.name)) {
				return;
			}
			this.lock.lock();
			try {
				if (this.closed || this.cut.contains(sender)) {
					return;
				}
				seen(sender, null);
				deliver(sender, sender, message.getData());
			}
			finally {
				this.lock.unlock();
			}
		}

		/** A message to this member's group, delivered as from the requester's {@code PEER@GROUP}. */
		private void onServiceRequest(ServiceMessage message) {
			String sender = Subjects.last(message.getSubject());
			String group = NatsTransport.this.group;
			if (sender.equals(this.name) || group == null) {
				return;
			}
			this.lock.lock();
			try {
				if (this.closed || this.cut.contains(sender)) {
					return;
				}
				seen(sender, null);
				String requester = sender + "@" + group;
				if (this.requesters.add(requester)) {
					this.listener.peerConnected(requester);
				}
				deliver(requester, sender, message.getData());
			}
			finally {
				this.lock.unlock();
			}
		}

		/** What a member of a service group sent back, delivered as from the group's peer. */
		private void onVia(Message message) {
			String service = Subjects.last(message.getSubject());
			this.lock.lock();
			try {
				if (this.closed) {
					return;
				}
				if (!this.services.containsKey(service)) {
					logger.debug("{} ignored a message from service '{}', which has no member present",
							NatsTransport.this, service);
					return;
				}
				deliver(service, null, message.getData());
			}
			finally {
				this.lock.unlock();
			}
		}

		private void onPresence(Message message) {
			String sender = NatsTransport.this.subjects.presenceSender(message.getSubject());
			if (sender.equals(this.name)) {
				return;
			}
			String text = new String(message.getData(), StandardCharsets.US_ASCII);
			int space = text.indexOf(' ');
			String kind = (space < 0) ? text : text.substring(0, space);
			String group = (space < 0) ? null : text.substring(space + 1);
			boolean answer = false;
			this.lock.lock();
			try {
				if (this.closed) {
					return;
				}
				switch (kind) {
					case "hello", "beat" -> {
						if (!this.cut.contains(sender)) {
							seen(sender, group);
							answer = kind.equals("hello");
						}
					}
					case "bye", "drop" -> {
						remember(sender);
						gone(sender, kind.equals("bye") ? "said goodbye" : "dropped this endpoint");
					}
					default -> logger.debug("{} ignored presence '{}' from '{}'", NatsTransport.this, text, sender);
				}
			}
			finally {
				this.lock.unlock();
			}
			if (answer) {
				try {
					publish(NatsTransport.this.subjects.presenceTo(this.name, sender), this.beat);
				}
				catch (TransportException ex) {
					logger.debug("{} could not answer the hello of '{}': {}", NatsTransport.this, sender, ex.getMessage());
				}
			}
			else if (kind.equals("beat")) {
				answered();
			}
		}

		/** Notes a sign of life, announcing a peer (and its service) the first time; under the lock. */
		private void seen(String peer, @Nullable String group) {
			PeerState state = this.peers.get(peer);
			boolean arrived = state == null;
			if (arrived) {
				state = new PeerState();
			}
			else {
				state.lastSeen = System.nanoTime();
			}
			// the service first: a caller that sees the member sees its group, its default receiver, too
			if (group != null && state.group == null && !group.isEmpty()) {
				state.group = group;
				if (!group.equals(NatsTransport.this.group)) {
					Set<String> members = this.services.get(group);
					if (members == null) {
						members = ConcurrentHashMap.newKeySet();
						members.add(peer);
						this.services.put(group, members);
						this.listener.peerConnected(group);
					}
					else {
						members.add(peer);
					}
				}
			}
			if (arrived) {
				this.peers.put(peer, state);
				this.listener.peerConnected(peer);
			}
		}

		/** Reports a peer gone, with what stood for it: its requests through the group, its group if it was the last member; under the lock. */
		private void gone(String peer, String why) {
			PeerState state = this.peers.remove(peer);
			if (state == null) {
				return;
			}
			logger.debug("{}: peer '{}' {}", NatsTransport.this, peer, why);
			this.remainders.remove(peer);
			this.listener.peerDisconnected(peer);
			String group = NatsTransport.this.group;
			if (group != null) {
				String requester = peer + "@" + group;
				if (this.requesters.remove(requester)) {
					this.remainders.remove(requester);
					this.listener.peerDisconnected(requester);
				}
			}
			String service = state.group;
			Set<String> members = (service != null) ? this.services.get(service) : null;
			if (service != null && members != null) {
				members.remove(peer);
				if (members.isEmpty()) {
					this.services.remove(service);
					this.remainders.remove(service);
					this.listener.peerDisconnected(service);
				}
			}
		}

		private void remember(String peer) {
			this.cut.add(peer);
			if (this.cut.size() > MAX_CUT) {
				Iterator<String> oldest = this.cut.iterator();
				oldest.next();
				oldest.remove();
			}
		}

		/**
		 * Hands bytes to the listener after what the peer left unconsumed; drops the sender that
		 * left more than the maximum frame size; under the lock.
		 * @param culprit the endpoint that sent the bytes, if known
		 */
		private void deliver(String peer, @Nullable String culprit, byte[] data) {
			ByteBuffer previous = this.remainders.remove(peer);
			ByteBuffer buffer = (previous == null) ? ByteBuffer.wrap(data)
					: ByteBuffer.allocate(previous.remaining() + data.length).put(previous).put(data).flip();
			this.listener.received(peer, buffer);
			int left = buffer.remaining();
			int max = NatsTransport.this.maxFrameSize;
			if (left > max) {
				logger.warn("{} drops '{}': it sent {} bytes without completing a message, more than the maximum frame "
						+ "size of {} bytes", NatsTransport.this, (culprit != null) ? culprit : peer, left, max);
				if (culprit != null) {
					remember(culprit);
					gone(culprit, "was dropped");
					try {
						publish(NatsTransport.this.subjects.presenceTo(this.name, culprit),
								"drop".getBytes(StandardCharsets.US_ASCII));
					}
					catch (TransportException ex) {
						logger.debug("{} could not tell '{}' it was dropped: {}", NatsTransport.this, culprit,
								ex.getMessage());
					}
				}
			}
			else if (left > 0) {
				this.remainders.put(peer, ByteBuffer.allocate(left).put(buffer).flip());
			}
		}

		/** Says this endpoint is alive, and reports the peers silent past the timeout gone. */
		private void heartbeat() {
			if (this.connected) {
				try {
					this.connection.publish(NatsTransport.this.subjects.presence(this.name), this.beat);
				}
				catch (RuntimeException ex) {
					logger.debug("{} could not send its heartbeat: {}", NatsTransport.this, ex.toString());
				}
			}
			long timeout = NatsTransport.this.options.presenceTimeout().toNanos();
			long now = System.nanoTime();
			this.lock.lock();
			try {
				if (this.closed) {
					return;
				}
				for (Map.Entry<String, PeerState> entry : new ArrayList<>(this.peers.entrySet())) {
					long silent = now - entry.getValue().lastSeen;
					if (silent > timeout) {
						logger.info("{}: peer '{}' was silent for {} ms, past the presence timeout of {} ms; reported gone",
								NatsTransport.this, entry.getKey(), TimeUnit.NANOSECONDS.toMillis(silent),
								TimeUnit.NANOSECONDS.toMillis(timeout));
						gone(entry.getKey(), "was silent too long");
					}
				}
			}
			finally {
				this.lock.unlock();
			}
		}

		/** Follows the connection: logs each change once, and reports every peer gone while it is lost. */
		void connectionEvent(ConnectionListener.Events type, @Nullable String where) {
			if (this.stopped) {
				return;
			}
			switch (type) {
				case DISCONNECTED -> {
					if (this.link == Link.UP) {
						this.link = Link.DOWN;
						this.connected = false;
						logger.warn("{} lost its NATS connection{}; jnats reconnects over {}. Until then sends fail and "
								+ "its peers are reported gone", NatsTransport.this, at(where), servers());
						dropAll("the NATS connection was lost");
					}
				}
				case RESUBSCRIBED -> {
					if (this.link == Link.DOWN) {
						this.link = Link.UP;
						logger.info("{} reconnected to NATS{}", NatsTransport.this, at(where));
						this.connected = true;
						try {
							publish(NatsTransport.this.subjects.presence(this.name), this.hello);
						}
						catch (TransportException ex) {
							logger.debug("{} could not say hello again: {}", NatsTransport.this, ex.getMessage());
						}
					}
				}
				case CLOSED -> {
					if (this.link != Link.CLOSED) {
						this.link = Link.CLOSED;
						this.connected = false;
						logger.warn("{}: its NATS connection is closed for good{}; stop and start the transport to "
								+ "connect again", NatsTransport.this,
								this.ownsConnection ? " (jnats gave up reconnecting)" : " (the application closed it)");
						dropAll("the NATS connection was closed");
					}
				}
				case LAME_DUCK -> logger.warn("{}: NATS server{} is shutting down (lame duck mode); jnats moves to "
						+ "another server", NatsTransport.this, at(where));
				default -> {
					// connected (logged by start), discovered servers
				}
			}
		}

		private String servers() {
			return this.connection.getServers().toString();
		}

		private void dropAll(String why) {
			this.lock.lock();
			try {
				if (!this.closed) {
					for (String peer : new ArrayList<>(this.peers.keySet())) {
						gone(peer, why);
					}
				}
			}
			finally {
				this.lock.unlock();
			}
		}

		/** Stops: no callback once the lock is let go; says goodbye if asked and able. */
		void close(boolean goodbye) {
			this.stopped = true;
			this.discovering = false;
			this.lock.lock();
			try {
				this.closed = true;
			}
			finally {
				this.lock.unlock();
			}
			ScheduledExecutorService scheduler = this.timer;
			if (scheduler != null) {
				scheduler.shutdownNow();
			}
			if (goodbye && this.connected) {
				try {
					this.connection.publish(NatsTransport.this.subjects.presence(this.name),
							"bye".getBytes(StandardCharsets.US_ASCII));
					flush();
				}
				catch (RuntimeException ex) {
					logger.debug("{} could not say goodbye: {}", NatsTransport.this, ex.toString());
				}
			}
			this.connected = false;
			Service running = this.service;
			if (running != null) {
				try {
					running.stop(false);
				}
				catch (RuntimeException ex) {
					// the application closed its connection under the service: nothing is left to stop
					logger.debug("{} could not stop its NATS service: {}", NatsTransport.this, ex.toString());
				}
			}
			if (this.ownsConnection) {
				try {
					this.connection.close();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			else {
				Dispatcher created = this.dispatcher;
				if (created != null && this.connection.getStatus() != Connection.Status.CLOSED) {
					this.connection.closeDispatcher(created);
				}
				this.connection.removeConnectionListener(this.events);
			}
			if (scheduler != null) {
				try {
					scheduler.awaitTermination(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

	private static String at(@Nullable String where) {
		return (where == null || where.isEmpty()) ? "" : " (" + where + ")";
	}

	/** Hears the connection's events, and hands them to the run once it exists. */
	private static final class ConnectionEvents implements ConnectionListener {

		volatile @Nullable Run run;

		@Override
		public void connectionEvent(Connection connection, ConnectionListener.Events type) {
			connectionEvent(connection, type, null, null);
		}

		@Override
		public void connectionEvent(Connection connection, ConnectionListener.Events type, @Nullable Long time,
				@Nullable String uriDetails) {
			Run current = this.run;
			if (current != null) {
				current.connectionEvent(type, uriDetails);
			}
		}

	}

	/** Logs what jnats reports of a connection of the transport's own. */
	private final class Errors implements ErrorListener {

		@Override
		public void errorOccurred(Connection connection, String error) {
			logger.warn("{}: the NATS server reported an error: {}", NatsTransport.this, error);
		}

		@Override
		public void exceptionOccurred(Connection connection, Exception exception) {
			logger.debug("{}: jnats reported {}", NatsTransport.this, exception.toString());
		}

		@Override
		public void slowConsumerDetected(Connection connection, Consumer consumer) {
			logger.warn("{} cannot keep up with what NATS delivers: jnats drops messages ({} dropped so far); "
					+ "handle calls faster, or send fewer", NatsTransport.this, consumer.getDroppedCount());
		}

	}

}
