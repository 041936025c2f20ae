package io.quickrpc.codec;

import static io.quickrpc.codec.Trees.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quickrpc.security.Security;
import io.quickrpc.spi.Registry;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The scanner is a shortcut, so it must never change what a frame means: every frame it reads,
 * it reads to the very message the parser reads from it, and it declines every other frame.
 * Checked on frames of every kind, on the Python original's, and on 100,000 mutations of them.
 */
class EnvelopeScannerTests {

	/** The codec's own factory, so that the scanner and the parser share the thread's kept parser, as they do in use. */
	private static final JsonFactory JSON = JsonRpcCodec.JSON;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final long SEED = Long.getLong("quickrpc.fuzz.seed", 20261202L);

	private final Security none = Registry.securities().create("null");

	private final Codec codec = Registry.codecs().create("jrpc");

	@ParameterizedTest
	@ValueSource(strings = { "{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{\"text\":\"hi\"}}",
			"{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":7}",
			"{\"jsonrpc\": \"2.0\", \"method\": \"add\", \"params\": {\"a\": 1, \"b\": [2, {}]}, \"id\": \"x-1\"}",
			"{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"text\"}", "{\"jsonrpc\":\"2.0\",\"id\":-12,\"result\":42}",
			"{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":null}", "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":true}",
			"{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":1.5e3}", "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[\"a\\\"]\",{}]}",
			" {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"a\":\"}\"}}\n\t",
			"{\"params\":{},\"method\":\"say\",\"jsonrpc\":\"2.0\"}", "{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":7}",
			"{\"jsonrpc\":\"2.0\",\"result\":-1,\"id\":-7}", "{\"jsonrpc\":\"2.0\",\"result\":\"}\", \"id\" : \"a b\" }",
			"{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"x\\\", \\\"id\\\": \\\"y\"}",
			"{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"}\"}", "{\"id\":7,\"result\":\"x\",\"jsonrpc\":\"2.0\"}",
			"{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":[\"],\\\"id\\\":1\"] , \"id\":1}",
			"{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":[],\"id\":\"id\"}" })
	void readsPlainCallsAndRepliesAsTheParserDoes(String frame) {
		byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
		Message scanned = EnvelopeScanner.read(JSON, new NameTable(), ByteBuffer.wrap(bytes), new Readers());
		assertThat(scanned).as("scanned %s", frame).isNotNull();
		assertThat(describe(scanned)).isEqualTo(describe(parse(bytes)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "[{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{}}]",
			"{\"jsonrpc\":\"2.0\",\"method\":\"s\\u0061y\",\"params\":{}}",
			"{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{},\"meta\":{\"traceparent\":\"00\"}}",
			"{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"method\":\"say\",\"params\":{}}",
			"{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":1,\"message\":\"m\"}}",
			"{\"jsonrpc\":\"2.0\",\"method\":\"rpc.secinfo\",\"params\":{\"user\":\"u\"}}",
			"{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":1}", "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"result\":1}",
			"{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":1}", "{\"method\":\"say\",\"params\":{}}",
			"{\"jsonrpc\":\"1.0\",\"method\":\"say\",\"params\":{}}", "{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{}} x",
			"{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{]}", "{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":7}",
			"{\"jsonrpc\":\"2.0\",\"method\":\"grüße\",\"params\":{}}", "{\"jsonrpc\":\"2.0\",\"method\":\"say\"}",
			"{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":tru}", "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"open}",
			"{\"jsonrpc\":\"2.0\",\"method\":\"\",\"params\":{}}", "{\"jsonrpc\":\"2.0\",\"jsonrpc\":\"2.0\",\"id\":7,\"result\":1}",
			"{\"jsonrpc\":\"2.0\",\"method\":\"say\" \"params\":{}}", "{\"jsonrpc\":\"2.0\",\"method\":\"say" })
	void declinesEverythingElse(String frame) {
		byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
		assertThat(EnvelopeScanner.read(JSON, new NameTable(), ByteBuffer.wrap(bytes), new Readers())).as("scanned %s", frame).isNull();
	}

	@Test
	void declinesValuesNestedDeeperThanItReadsAndReadersThatFail() {
		String deep = "[".repeat(65) + "]".repeat(65);
		byte[] frame = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + deep + "}").getBytes(StandardCharsets.UTF_8);
		assertThat(EnvelopeScanner.read(JSON, new NameTable(), ByteBuffer.wrap(frame), new Readers())).isNull();
		String shallow = "[".repeat(64) + "]".repeat(64);
		frame = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + shallow + "}").getBytes(StandardCharsets.UTF_8);
		assertThat(checkSame(frame)).isTrue();

		Codec.Readers failing = new Readers() {

			@Override
			public ValueReader paramsReader(String method) {
				return (parser) -> {
					throw new IllegalStateException("no reader for " + method);
				};
			}

		};
		byte[] call = "{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{}}".getBytes(StandardCharsets.UTF_8);
		assertThat(EnvelopeScanner.read(JSON, new NameTable(), ByteBuffer.wrap(call), failing)).isNull();
	}

	@Test
	void readsWhatThisCodecWritesAndThePythonOriginalsFrames() {
		List<byte[]> plain = new ArrayList<>();
		plain.add(this.codec.encode(new Message.Call("ping", tree(NODES.objectNode().put("text", "grüße \"q\"")),
				RequestId.of(7)), this.none));
		plain.add(this.codec.encode(Message.Call.notification("say", tree(NODES.arrayNode().add(1).add("x"))), this.none));
		plain.add(this.codec.encode(new Message.Reply(RequestId.of(8), tree(NODES.stringNode("hi"))), this.none));
		plain.add(this.codec.encode(new Message.Reply(RequestId.of("a"), tree(NODES.numberNode(12L))), this.none));
		for (byte[] frame : plain) {
			ByteBuffer whole = ByteBuffer.wrap(frame, 0, frame.length - 1);
			assertThat(EnvelopeScanner.read(JSON, new NameTable(), whole, new Readers())).as(new String(frame, StandardCharsets.UTF_8))
				.isNotNull();
		}
		int pythonScanned = 0;
		for (byte[] frame : FrameMutator.pythonFrames()) {
			pythonScanned += checkSame(frame) ? 1 : 0;
		}
		assertThat(pythonScanned).as("Python frames read by the scanner: its calls and replies").isGreaterThanOrEqualTo(6);
	}

	@Test
	void hundredThousandMutatedFramesMeanTheSameOrAreDeclined() {
		FrameMutator mutator = new FrameMutator(this.codec, true);
		SplittableRandom random = new SplittableRandom(SEED);
		int scanned = 0;
		for (int i = 0; i < 100_000; i++) {
			scanned += checkSame(mutator.mutate(random)) ? 1 : 0;
		}
		assertThat(scanned).as("mutated frames that the scanner read (seed %d)", SEED).isGreaterThan(100);
	}

	/** Returns whether the scanner read the frame, after checking that it read what the parser reads. */
	private boolean checkSame(byte[] frame) {
		Message scanned = EnvelopeScanner.read(JSON, new NameTable(), ByteBuffer.wrap(frame), new Readers());
		if (scanned == null) {
			return false;
		}
		assertThat(describe(scanned)).as("scanned %s (seed %d)", new String(frame, StandardCharsets.UTF_8), SEED)
			.isEqualTo(describe(parse(frame)));
		return true;
	}

	private static Object parse(byte[] frame) {
		return JsonRpcCodec.parseFrame(ByteBuffer.wrap(frame), new Readers());
	}

	private static String describe(@Nullable Object decoded) {
		if (decoded instanceof Message.Call call) {
			return "call " + call.method() + " id " + call.id() + " params " + Trees.node(call.params()) + " headers "
					+ call.headers();
		}
		if (decoded instanceof Message.Reply reply) {
			return "reply id " + reply.id() + " result " + Trees.node(reply.result());
		}
		return String.valueOf(decoded);
	}

	private static class Readers implements Codec.Readers {

		@Override
		public ValueReader paramsReader(String method) {
			return Trees.READER;
		}

		@Override
		public ValueReader resultReader(RequestId id) {
			return Trees.READER;
		}

		@Override
		public ValueReader dataReader() {
			return Trees.READER;
		}

	}

}
