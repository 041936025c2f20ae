package io.quickrpc.spring.web;

import java.nio.ByteBuffer;
import java.util.Map;

import io.quickrpc.codec.Codec;
import io.quickrpc.codec.InvalidMessageException;
import io.quickrpc.codec.Message;
import io.quickrpc.codec.RequestId;
import io.quickrpc.codec.Value;
import io.quickrpc.codec.ValueReader;
import io.quickrpc.spi.Registry;

/**
 * Tells what a JSON-RPC frame is, as the endpoint's {@code jrpc} codec reads it, without reading
 * its values: whether a posted body gets a reply (so that its HTTP response waits for one), and
 * whether a frame the endpoint sends to an HTTP caller is a call rather than that reply.
 */
final class JsonRpcFrames {

	private static final Codec CODEC = Registry.codecs().create("jrpc");

	private static final Value NOTHING = (generator) -> generator.writeNull();

	private static final ValueReader SKIP = (parser) -> {
		parser.skipChildren();
		return NOTHING;
	};

	private JsonRpcFrames() {
	}

	/**
	 * Returns whether the endpoint answers a frame: a request, a batch holding one, or anything it
	 * cannot read and answers with an error; not a notification, a batch of notifications only,
	 * or a reply.
	 */
	static boolean getsReply(byte[] frame) {
		return read(frame).requests;
	}

	/** Returns whether a frame holds calls (requests or notifications), rather than replies. */
	static boolean holdsCalls(byte[] frame) {
		return read(frame).calls;
	}

	private static Kind read(byte[] frame) {
		Kind kind = new Kind();
		CODEC.decode(ByteBuffer.wrap(frame), kind);
		return kind;
	}

	/** What one frame held. */
	private static final class Kind implements Codec.Sink {

		boolean requests;

		boolean calls;

		@Override
		public void message(Message message, ByteBuffer payload) {
			add(message);
		}

		private void add(Message message) {
			if (message instanceof Message.Call call) {
				this.requests |= call.isRequest();
				this.calls = true;
			}
			else if (message instanceof Message.Batch batch) {
				batch.messages().forEach(this::add);
				batch.problems().forEach(this::invalid);
			}
		}

		@Override
		public void header(Map<String, String> securityInfo) {
		}

		@Override
		public void invalid(InvalidMessageException problem) {
			this.requests |= problem.replyTo() != null;
		}

		@Override
		public ValueReader paramsReader(String method) {
			return SKIP;
		}

		@Override
		public ValueReader resultReader(RequestId id) {
			return SKIP;
		}

		@Override
		public ValueReader dataReader() {
			return SKIP;
		}

	}

}
