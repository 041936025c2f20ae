package io.quickrpc.codec;

import static io.quickrpc.codec.Trees.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quickrpc.RemoteException;
import io.quickrpc.security.Security;
import io.quickrpc.spi.Registry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class TerseCodecTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Codec codec = Registry.codecs().create("terse");

	private final Security none = Registry.securities().create("null");

	@Test
	void readsEveryTerseFrameOfThePythonOriginal() throws Exception {
		List<JsonNode> frames = PythonFrames.entries("terse");
		int read = 0;
		for (JsonNode frame : frames) {
			if (!frame.get("codec").stringValue().equals("terse")) {
				continue;
			}
			read++;
			JsonNode content = frame.get("content");
			Decoded decoded = decode(Base64.getDecoder().decode(frame.get("base64").stringValue()));
			assertThat(decoded.invalid).as(frame.get("name").stringValue()).isEmpty();
			assertThat(decoded.messages).as(frame.get("name").stringValue()).hasSize(1);
			Message message = decoded.messages.get(0);
			switch (content.get("kind").stringValue()) {
				case "notification", "request" -> {
					Message.Call call = (Message.Call) message;
					assertThat(call.method()).isEqualTo(content.get("method").stringValue());
					assertThat(call.id()).isEqualTo(content.has("id") ? RequestId.of(content.get("id").longValue()) : null);
					assertThat(normalized(Trees.node(call.params()))).isEqualTo(normalized(content.get("params")));
				}
				case "reply" -> assertThat(message).isEqualTo(new Message.Reply(RequestId.of(3), tree(NODES.stringNode("hi"))));
				case "error" -> {
					Message.ErrorReply error = (Message.ErrorReply) message;
					assertThat(error.id()).isEqualTo(RequestId.of(3));
					assertThat(error.message()).isEqualTo("boom");
					assertThat(Trees.node(error.data()).stringValue()).startsWith("Traceback");
				}
				default -> throw new AssertionError(content);
			}
		}
		assertThat(read).isEqualTo(5);
	}

	@Test
	void writesANewlineAfterEveryMessageAndReadsItsOwnOutput() {
		ObjectNode params = NODES.objectNode().put("text", "say \"hi\"\nbye\\").put("n", 1234567).put("x", 1.5);
		params.set("bytes", NODES.binaryNode(new byte[] { 0, 1, (byte) 255 }));
		params.set("list", NODES.arrayNode().add(1).add("two").add(NODES.nullNode()).add(true));
		params.set("dict", NODES.objectNode().put("a", 1).put("key with space", "v"));
		params.set("big", NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")));
		List<Message> messages = List.of(Message.Call.notification("notify", tree(params)), new Message.Call("ping", tree(params), RequestId.of(7)),
				new Message.Reply(RequestId.of(7), tree(NODES.stringNode("hi"))), new Message.Reply(RequestId.of(8), tree(NODES.nullNode())),
				new Message.ErrorReply(RequestId.of(9), -32000, "boom", tree(NODES.objectNode().put("type", "X"))),
				Message.Call.notification("positional", tree(NODES.arrayNode().add(1).add("a"))));
		for (Message message : messages) {
			byte[] encoded = this.codec.encode(message, this.none);
			assertThat(encoded[encoded.length - 1]).isEqualTo((byte) '\n');
			Decoded decoded = decode(encoded);
			assertThat(decoded.messages).containsExactly(message);
		}
		assertThat(new String(this.codec.encode(new Message.Reply(RequestId.of(3), tree(NODES.stringNode("hi"))), this.none),
				StandardCharsets.UTF_8)).isEqualTo("[3]:\"hi\"\n");
		assertThat(new String(this.codec.encode(new Message.Call("ping", tree(NODES.objectNode().put("text", "hi")), RequestId.of(3)),
				this.none), StandardCharsets.UTF_8)).isEqualTo("ping/3 text:\"hi\"\n");
	}

	@Test
	void readsWhatAPersonTypes() {
		Decoded decoded = decode("  say text:\"hello\"  \r\n\n\nping/2 text:\"x\"\n".getBytes(StandardCharsets.UTF_8));
		assertThat(decoded.messages).containsExactly(
				Message.Call.notification("say", tree(NODES.objectNode().put("text", "hello"))),
				new Message.Call("ping", tree(NODES.objectNode().put("text", "x")), RequestId.of(2)));
	}

	@Test
	void securityHeaderTravelsAheadOfThePayload() {
		Security alice = Registry.securities().create("blindly_believe_everything:alice");
		byte[] encoded = this.codec.encode(Message.Call.notification("say", tree(NODES.objectNode().put("text", "hi"))), alice);
		assertThat(new String(encoded, StandardCharsets.UTF_8))
			.isEqualTo("rpc.secinfo user:\"alice\"\nsay text:\"hi\"\n");
		Decoded decoded = decode(encoded);
		assertThat(decoded.securityInfo).containsExactly(Map.of("user", "alice"));

		ByteBuffer headerOnly = ByteBuffer.wrap("rpc.secinfo user:\"alice\"\nsay te".getBytes(StandardCharsets.UTF_8));
		Decoded partial = new Decoded();
		StreamDecoder decoder = new StreamDecoder(this.codec);
		decoder.decode(headerOnly, partial);
		assertThat(partial.messages).isEmpty();
		assertThat(headerOnly.position()).as("the header is read; its payload is not complete")
			.isEqualTo("rpc.secinfo user:\"alice\"\n".length());
		decoder.decode(ByteBuffer.wrap("say text:\"hi\"\n".getBytes(StandardCharsets.UTF_8)), partial);
		assertThat(partial.securityInfo).as("the header goes with the payload that follows it")
			.containsExactly(Map.of("user", "alice"));
	}

	@Test
	void everyFrameOfTheOriginalAndOfTheEncoderSplitAtEveryByteDecodesAsWhole() {
		List<byte[]> frames = new ArrayList<>();
		for (JsonNode frame : PythonFrames.entries("terse")) {
			frames.add(Base64.getDecoder().decode(frame.get("base64").stringValue()));
		}
		ObjectNode params = NODES.objectNode().put("text", "say \"hi\"\nbye\\").put("n", -12).put("x", -0.0);
		params.set("bytes", NODES.binaryNode(new byte[] { 0, 1, (byte) 255 }));
		params.set("list", NODES.arrayNode().add(1.5).add("two").add(NODES.nullNode()).add(true));
		params.set("dict", NODES.objectNode().put("a", 1).put("key with space", "v"));
		Security alice = Registry.securities().create("blindly_believe_everything:alice");
		for (Message message : List.of(Message.Call.notification("notify", tree(params)),
				new Message.Call("ping", tree(params), RequestId.of(7)), new Message.Call("ping", tree(params), RequestId.of("s")),
				new Message.Reply(RequestId.of(7), tree(NODES.stringNode("hi"))), new Message.Reply(RequestId.of(8), tree(NODES.numberNode(42))),
				new Message.Reply(RequestId.of(9), tree(NODES.booleanNode(true))), new Message.Reply(RequestId.of(10), tree(params)),
				new Message.ErrorReply(RequestId.of(2), 0, "boom", tree(NODES.stringNode("x"))),
				new Message.ErrorReply(RequestId.of(3), -32000, "boom", tree(NODES.objectNode().put("type", "X"))),
				new Message.ErrorReply(RequestId.nullId(), -32700, "bad line", null))) {
			frames.add(this.codec.encode(message, this.none));
			frames.add(this.codec.encode(message, alice));
		}
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		frames.forEach(all::writeBytes);
		frames.add(all.toByteArray());
		for (byte[] frame : frames) {
			Decoded whole = decode(frame);
			assertThat(whole.invalid).as(new String(frame, StandardCharsets.UTF_8)).isEmpty();
			assertThat(whole.messages).as(new String(frame, StandardCharsets.UTF_8)).isNotEmpty();
			for (int split = 0; split <= frame.length; split++) {
				Decoded pieces = decodeSplit(frame, split);
				String described = new String(frame, StandardCharsets.UTF_8) + " split at " + split;
				assertThat(pieces.invalid).as(described).isEmpty();
				assertThat(pieces.messages).as(described).isEqualTo(whole.messages);
				assertThat(pieces.securityInfo).as(described).isEqualTo(whole.securityInfo);
			}
		}
	}

	@Test
	void anErrorLineCutAfterAStringFieldWaitsForTheRestOfIt() {
		byte[] line = "[2]! code:0 message:\"boom\" data:\"x\"\n".getBytes(StandardCharsets.UTF_8);
		int cut = "[2]! code:0 message:\"boom\"".length();

		Decoded first = new Decoded();
		ByteBuffer head = ByteBuffer.wrap(line, 0, cut).slice();
		new StreamDecoder(this.codec).decode(head, first);

		assertThat(first.messages).isEmpty();
		assertThat(first.invalid).isEmpty();
		assertThat(head.position()).isZero();
		assertThat(decodeSplit(line, cut).messages)
			.containsExactly(new Message.ErrorReply(RequestId.of(2), 0, "boom", tree(NODES.stringNode("x"))));
	}

	@Test
	void negativeZeroKeepsItsSign() {
		Message message = new Message.Reply(RequestId.of(1), tree(NODES.arrayNode().add(-0.0).add(0.0)));
		byte[] encoded = this.codec.encode(message, this.none);

		assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo("[1]:[-0.0 0.0]\n");
		JsonNode result = Trees.node(((Message.Reply) decode(encoded).messages.get(0)).result());
		assertThat(Double.doubleToRawLongBits(result.get(0).doubleValue())).isEqualTo(Double.doubleToRawLongBits(-0.0));
		assertThat(Double.doubleToRawLongBits(result.get(1).doubleValue())).isZero();
	}

	/** Decodes the bytes in two reads, split at {@code split}, as a transport delivers them. */
	private Decoded decodeSplit(byte[] stream, int split) {
		Decoded pieces = new Decoded();
		StreamDecoder decoder = new StreamDecoder(this.codec);
		ByteBuffer first = ByteBuffer.wrap(stream, 0, split).slice();
		decoder.decode(first, pieces);
		byte[] rest = new byte[first.remaining() + stream.length - split];
		first.get(rest, 0, first.remaining());
		System.arraycopy(stream, split, rest, rest.length - (stream.length - split), stream.length - split);
		decoder.decode(ByteBuffer.wrap(rest), pieces);
		return pieces;
	}

	@Test
	void linesSplitAtEveryByteDecodeTheSame() {
		byte[] stream = "say text:\"grüße ✓\"\nping/3 a:[1 2 {k:'AAE='}]\n[4]:{a:\"b\"}\n".getBytes(StandardCharsets.UTF_8);
		List<Message> whole = decode(stream).messages;
		assertThat(whole).hasSize(3);
		for (int split = 0; split <= stream.length; split++) {
			assertThat(decodeSplit(stream, split).messages).as("split at %d", split).isEqualTo(whole);
		}
	}

	@Test
	void badLinesAreReportedAndDecodingGoesOn() {
		Decoded decoded = decode(("ping/5 text:\"never closed\nping/6 text:nope\n[x]:1\n{}\nping/7 text:\"ok\"\n")
			.getBytes(StandardCharsets.UTF_8));
		assertThat(decoded.invalid).extracting(InvalidMessageException::replyTo)
			.containsExactly(RequestId.of(5), RequestId.of(6), null, null);
		assertThat(decoded.invalid).allSatisfy((problem) -> assertThat(problem.code()).isEqualTo(RemoteException.PARSE_ERROR));
		assertThat(decoded.messages).containsExactly(new Message.Call("ping", tree(NODES.objectNode().put("text", "ok")), RequestId.of(7)));
	}

	@Test
	void randomBytesNeverEscapeAsAnException() {
		Random random = new Random(42);
		byte[] alphabet = "abc:/[]{}\"'\\ 0123456789.-\n".getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < 5000; i++) {
			byte[] bytes = new byte[random.nextInt(64)];
			for (int j = 0; j < bytes.length; j++) {
				bytes[j] = (random.nextBoolean()) ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt();
			}
			decode(bytes);
		}
	}

	@Test
	void deepNestingIsReportedNotAStackOverflow() {
		String deep = "[".repeat(100_000) + "]".repeat(100_000);
		Decoded decoded = decode(("ping/8 text:" + deep + "\nping/9 text:\"after\"\n").getBytes(StandardCharsets.UTF_8));

		assertThat(decoded.invalid).singleElement().satisfies((problem) -> {
			assertThat(problem.replyTo()).isEqualTo(RequestId.of(8));
			assertThat(problem.getMessage()).contains("values nested deeper than 500 levels");
		});
		assertThat(decoded.messages).containsExactly(new Message.Call("ping", tree(NODES.objectNode().put("text", "after")), RequestId.of(9)));
	}

	@Test
	void nestingUpToTheLimitIsRead() {
		String deep = "[".repeat(500) + "1" + "]".repeat(500);
		Decoded decoded = decode(("ping/8 text:" + deep + "\n").getBytes(StandardCharsets.UTF_8));

		assertThat(decoded.invalid).isEmpty();
		assertThat(decoded.messages).hasSize(1);
	}

	@Test
	void invalidUtf8IsReportedNotReplacedAndTheNextLineIsRead() {
		byte[] line = "ping/3 text:\"caf?\"\nping/4 text:\"ok\"\n".getBytes(StandardCharsets.UTF_8);
		line[16] = (byte) 0xC3; // the first byte of a two-byte sequence, followed by a quote

		Decoded decoded = decode(line);

		assertThat(decoded.invalid).singleElement()
			.satisfies((problem) -> assertThat(problem.getMessage()).startsWith("invalid UTF-8 in terse line"));
		assertThat(decoded.messages).containsExactly(new Message.Call("ping", tree(NODES.objectNode().put("text", "ok")), RequestId.of(4)));
	}

	private Decoded decode(byte[] bytes) {
		Decoded decoded = new Decoded();
		new StreamDecoder(this.codec).decode(ByteBuffer.wrap(bytes), decoded);
		return decoded;
	}

	/** The content noted in frames.json writes bytes as {"__bytes": base64}; compare in that form. */
	static JsonNode normalized(JsonNode node) {
		if (node.isBinary()) {
			return NODES.objectNode().put("__bytes", Base64.getEncoder().encodeToString(node.binaryValue()));
		}
		if (node.isObject()) {
			ObjectNode copy = NODES.objectNode();
			node.properties().forEach((entry) -> copy.set(entry.getKey(), normalized(entry.getValue())));
			return copy;
		}
		if (node.isArray()) {
			var copy = NODES.arrayNode();
			node.forEach((element) -> copy.add(normalized(element)));
			return copy;
		}
		if (node.isNumber()) {
			return NODES.numberNode(node.decimalValue().stripTrailingZeros());
		}
		return node;
	}

	static final class Decoded extends Trees.Sink {

		final List<Message> messages = new ArrayList<>();

		final List<Map<String, String>> securityInfo = new ArrayList<>();

		final List<InvalidMessageException> invalid = new ArrayList<>();

		@Override
		public void message(Message message, Map<String, String> info, ByteBuffer payload) {
			this.messages.add(message);
			this.securityInfo.add(info);
		}

		@Override
		public void invalid(InvalidMessageException problem) {
			this.invalid.add(problem);
		}

	}

}
