package io.quickrpc.codec;

import static io.quickrpc.codec.Trees.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quickrpc.security.Security;
import io.quickrpc.spi.Registry;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Feeds each codec 100,000 random and mutated inputs, delivered in random pieces as a stream
 * would deliver them. Whatever the input, {@code decode} must not throw, every message it
 * delivers must be whole, and a valid frame that follows the garbage must still be decoded.
 * <p>
 * The inputs come from a fixed seed, so a failure repeats; the failure message tells the seed
 * and the input. Run with {@code -Dquickrpc.fuzz.seed=N} for other inputs.
 */
class CodecFuzzTests {

	private static final int INPUTS = 100_000;

	private static final long SEED = Long.getLong("quickrpc.fuzz.seed", 20261125L);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Security none = Registry.securities().create("null");

	@ParameterizedTest
	@ValueSource(strings = { "jrpc", "jrpc:\\n", "terse" })
	void hundredThousandMutatedInputsNeverBreakTheDecoder(String expression) {
		Codec codec = Registry.codecs().create(expression);
		FrameMutator mutator = new FrameMutator(codec, expression.equals("jrpc"));
		byte[] sentinel = codec.encode(new Message.Call("sentinel", tree(NODES.objectNode().put("n", 1)), RequestId.of(424242)), this.none);
		byte[] delimiter = expression.equals("jrpc") ? new byte[] { 0 } : new byte[] { '\n' };
		SplittableRandom random = new SplittableRandom(SEED);
		for (int i = 0; i < INPUTS; i++) {
			byte[] input = mutator.mutate(random);
			feed(codec, input, delimiter, sentinel, random.split(), i);
		}
	}

	private void feed(Codec codec, byte[] input, byte[] delimiter, byte[] sentinel, SplittableRandom random,
			int index) {
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		stream.writeBytes(input);
		stream.writeBytes(delimiter);
		stream.writeBytes(sentinel);
		byte[] all = stream.toByteArray();
		Recorder sink = new Recorder();
		StreamDecoder decoder = new StreamDecoder(codec);
		byte[] remainder = new byte[0];
		int offset = 0;
		try {
			while (offset < all.length) {
				int piece = 1 + random.nextInt(Math.min(all.length - offset, 1 + random.nextInt(4096)));
				ByteBuffer buffer = ByteBuffer.allocate(remainder.length + piece);
				buffer.put(remainder).put(all, offset, piece).flip();
				decoder.decode(buffer, sink);
				remainder = new byte[buffer.remaining()];
				buffer.get(remainder);
				offset += piece;
			}
		}
		catch (RuntimeException | StackOverflowError ex) {
			fail("decode threw " + ex + " on input " + index + " of seed " + SEED + ": " + describe(input), ex);
		}
		assertThat(sink.sentinelSeen)
			.as("the valid frame after input %d of seed %d was decoded: %s", index, SEED, describe(input))
			.isTrue();
		assertThat(remainder).as("bytes left after a complete frame, input %d of seed %d", index, SEED).isEmpty();
	}

	private static String describe(byte[] input) {
		String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 300));
		return input.length + " bytes, hex " + hex + ((input.length > 300) ? "..." : "");
	}

	/** Checks what the codec delivers and notes the sentinel frame. */
	private static final class Recorder extends Trees.Sink {

		boolean sentinelSeen;

		@Override
		public void message(Message message, Map<String, String> securityInfo, ByteBuffer payload) {
			assertThat(message).isNotNull();
			assertThat(securityInfo).isNotNull();
			if (message instanceof Message.Call call) {
				assertThat(call.method()).isNotEmpty();
				assertThat(call.params()).isNotNull();
				assertThat(Trees.node(call.params()).isObject() || Trees.node(call.params()).isArray()).isTrue();
				this.sentinelSeen |= RequestId.of(424242).equals(call.id()) && call.method().equals("sentinel");
			}
			else if (message instanceof Message.Reply reply) {
				assertThat(reply.result()).isNotNull();
			}
			else if (message instanceof Message.ErrorReply error) {
				assertThat(error.message()).isNotNull();
			}
		}

		@Override
		public void invalid(InvalidMessageException problem) {
			assertThat(problem.getMessage()).isNotBlank();
		}

	}

}
