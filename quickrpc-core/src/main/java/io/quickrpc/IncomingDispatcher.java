package io.quickrpc;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

import io.quickrpc.codec.Codec;
import io.quickrpc.codec.Framer;
import io.quickrpc.codec.InvalidMessageException;
import io.quickrpc.codec.Message;
import io.quickrpc.codec.RequestId;
import io.quickrpc.codec.StreamDecoder;
import io.quickrpc.codec.ValueReader;
import io.quickrpc.security.SecurityInfo;
import io.quickrpc.security.SecurityRejectedException;
import io.quickrpc.transport.Transport;

/**
 * The way in, from the transport's bytes to the stages that handle them, top to bottom: the
 * codec decodes, the {@link SecurityFilter} checks each frame, replies complete their requests
 * in {@link PendingReplies}, and calls go to the {@link CallQueue}, whose handlers answer through
 * {@link Replies}. A batch is checked once and its replies are gathered into one.
 */
final class IncomingDispatcher implements Transport.Listener {

	private final Codec codec;

	/** What each peer's stream left to be read with the bytes that follow. */
	private final Map<String, StreamDecoder> streams = new ConcurrentHashMap<>();

	private final SecurityFilter security;

	private final PendingReplies pending;

	private final CallQueue calls;

	private final Replies replies;

	private final ErrorListener errors;

	private final CallStatistics statistics;

	private final ApiModel api;

	private final ErrorData errorData;

	IncomingDispatcher(Codec codec, SecurityFilter security, PendingReplies pending, CallQueue calls, Replies replies,
			ErrorListener errors, CallStatistics statistics, ApiModel api, ErrorData errorData) {
		this.api = api;
		this.errorData = errorData;
		this.codec = codec;
		this.security = security;
		this.pending = pending;
		this.calls = calls;
		this.replies = replies;
		this.errors = errors;
		this.statistics = statistics;
	}

	/**
	 * Decodes what arrived; the calls among it are queued for the handlers as they are decoded and
	 * started together at the end.
	 */
	@Override
	public void received(String peer, ByteBuffer data) {
		decode(peer, data, false);
	}

	/** Decodes one whole frame, from a transport that carries one frame per message. */
	@Override
	public void receivedFrame(String peer, ByteBuffer frame) {
		decode(peer, frame, true);
	}

	private void decode(String peer, ByteBuffer data, boolean wholeFrame) {
		ReceiveThreads.enter();
		try {
			Decoding decoding = new Decoding(peer);
			StreamDecoder stream = this.streams.get(peer);
			if (stream == null) {
				stream = this.streams.computeIfAbsent(peer, (name) -> new StreamDecoder(this.codec));
			}
			if (wholeFrame) {
				stream.decodeFrame(data, decoding);
			}
			else {
				stream.decode(data, decoding);
			}
			decoding.startHandlers();
		}
		finally {
			ReceiveThreads.exit();
		}
	}

	@Override
	public Framer framer() {
		return this.codec.framer();
	}

	/** Forgets what streams left unread: a transport starts. */
	void reset() {
		this.streams.clear();
		this.calls.reset();
	}

	@Override
	public void peerDisconnected(String peer) {
		this.streams.remove(peer);
		this.calls.peerGone(peer);
		this.statistics.peerGone(peer);
		this.pending.failPeer(peer);
	}

	/**
	 * Checks one frame's message with the security provider, then routes it, or each message of a
	 * batch.
	 * @return the executor a call was queued on, or {@code null}
	 */
	private @Nullable FairExecutor accept(String peer, Message message, Map<String, String> header,
			ByteBuffer payload, PendingReplies.@Nullable Pending replyFor) {
		SecurityInfo verified;
		try {
			verified = this.security.verify(peer, payload, header);
		}
		catch (SecurityRejectedException ex) {
			this.statistics.securityRejection();
			RequestId replyTo = (message instanceof Message.Call call) ? call.id()
					: (message instanceof Message.Batch batch && BatchReplies.awaited(batch) > 0) ? RequestId.nullId() : null;
			this.replies.reject(peer, null, replyTo, RemoteException.SECURITY_REJECTED, ex);
			return null;
		}
		if (!(message instanceof Message.Batch batch)) {
			return route(peer, message, verified, null, payload.remaining(), replyFor);
		}
		int awaited = BatchReplies.awaited(batch);
		BatchReplies replies = (awaited > 0) ? this.replies.batch(peer, awaited) : null;
		for (InvalidMessageException problem : batch.problems()) {
			this.statistics.invalidMessage();
			this.replies.reject(peer, replies, problem.replyTo(), problem.code(), problem);
		}
		FairExecutor queuedOn = null;
		int bytesEach = payload.remaining() / Math.max(1, batch.messages().size());
		for (Message entry : batch.messages()) {
			FairExecutor executor = route(peer, entry, verified, replies, bytesEach, null);
			queuedOn = (executor != null) ? executor : queuedOn;
		}
		return queuedOn;
	}

	/**
	 * Queues a call for the handlers, or completes the request a reply answers.
	 * @param batch where the replies go if the call came in a batch, else {@code null}
	 * @param bytes the size of the message as received
	 * @param replyFor the request a reply was read for, if known
	 * @return the executor a call was queued on, or {@code null}
	 */
	private @Nullable FairExecutor route(String peer, Message message, SecurityInfo securityInfo,
			@Nullable BatchReplies batch, int bytes, PendingReplies.@Nullable Pending replyFor) {
		if (message instanceof Message.Call call) {
			return this.calls.enqueue(peer, call, securityInfo, batch, bytes);
		}
		String unexpected = this.pending.complete(peer, message, replyFor);
		if (unexpected != null) {
			this.errors.onError(peer, new RpcException("Ignored " + unexpected + "."));
		}
		return null;
	}

	/** What one received buffer decodes to, and the handlers to start once it is decoded. */
	private final class Decoding implements StreamDecoder.Sink {

		private final String peer;

		private @Nullable FairExecutor queuedOn;

		/** The request whose reply's result was read last, to spare looking it up again. */
		private PendingReplies.@Nullable Pending replyFor;

		Decoding(String peer) {
			this.peer = peer;
		}

		/** Reads params into the declared types of an incoming method's parameters; others are dropped. */
		@Override
		public ValueReader paramsReader(String method) {
			MethodModel model = IncomingDispatcher.this.api.method(method);
			return (model != null && model.incoming) ? model.binding.paramsReader : MethodBinding.SKIP;
		}

		@Override
		public ValueReader resultReader(RequestId id) {
			PendingReplies.Pending entry = IncomingDispatcher.this.pending.lookUp(id);
			this.replyFor = entry;
			return (entry != null) ? entry.method.binding.resultReader : MethodBinding.SKIP;
		}

		@Override
		public ValueReader dataReader() {
			return IncomingDispatcher.this.errorData.reader;
		}

		@Override
		public void message(Message message, Map<String, String> securityInfo, ByteBuffer payload) {
			PendingReplies.Pending replyFor = this.replyFor;
			this.replyFor = null;
			FairExecutor executor = accept(this.peer, message, securityInfo, payload, replyFor);
			if (executor != null) {
				this.queuedOn = executor;
			}
		}

		@Override
		public void invalid(InvalidMessageException problem) {
			this.replyFor = null;
			IncomingDispatcher.this.statistics.invalidMessage();
			IncomingDispatcher.this.replies.reject(this.peer, null, problem.replyTo(), problem.code(), problem);
		}

		void startHandlers() {
			FairExecutor executor = this.queuedOn;
			if (executor == null) {
				return;
			}
			try {
				executor.startQueued();
			}
			catch (RejectedExecutionException ex) {
				// the calls stay queued, and start with the next ones if the executor accepts them then
				IncomingDispatcher.this.errors.onError(this.peer, new RpcException("The handler executor refused to "
						+ "run received calls (" + ex.getMessage() + "); they run when it accepts the next ones, or "
						+ "not at all if the endpoint is stopping", ex));
			}
		}

	}

}
