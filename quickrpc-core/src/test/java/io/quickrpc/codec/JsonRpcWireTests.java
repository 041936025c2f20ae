package io.quickrpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

class JsonRpcWireTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Security none = Registry.securities().create("null");

	@Test
	void decodesEveryJrpcFrameOfThePythonOriginalToItsNotedContent() throws Exception {
		Path wire = Path.of(System.getProperty("quickrpc.wire.dir", "../../shared/wire"), "frames.json");
		assertThat(wire).as("frames written by the Python original").exists();
		int read = 0;
		for (JsonNode frame : JsonMapper.builder().build().readTree(Files.readString(wire))) {
			String codecExpression = frame.get("codec").stringValue();
			if (!codecExpression.startsWith("jrpc")) {
				continue;
			}
			read++;
			String name = frame.get("name").stringValue() + " (" + codecExpression.replace("\n", "\\n") + ")";
			JsonNode content = frame.get("content");
			TerseCodecTests.Decoded decoded = decode(Registry.codecs().create(codecExpression),
					Base64.getDecoder().decode(frame.get("base64").stringValue()));
			assertThat(decoded.invalid).as(name).isEmpty();
			assertThat(decoded.messages).as(name).hasSize(1);
			Message message = decoded.messages.get(0);
			long id = content.has("id") ? content.get("id").longValue() : 0;
			assertThat(message.id()).as(name).isEqualTo(id);
			switch (content.get("kind").stringValue()) {
				case "notification", "request" -> {
					Message.Call call = (Message.Call) message;
					assertThat(call.method()).as(name).isEqualTo(content.get("method").stringValue());
					assertThat(normalized(call.params())).as(name).isEqualTo(normalized(content.get("params")));
				}
				case "reply" -> assertThat(normalized(((Message.Reply) message).result())).as(name)
					.isEqualTo(normalized(content.get("result")));
				case "error" -> {
					Message.ErrorReply error = (Message.ErrorReply) message;
					assertThat(error.code()).as(name).isEqualTo(content.get("code").intValue());
					assertThat(error.message()).as(name).isEqualTo(content.get("message").stringValue());
					assertThat(error.data().stringValue()).as(name).startsWith("Traceback");
				}
				default -> throw new AssertionError(name);
			}
			Map<String, String> expectedInfo = content.has("secinfo") ? Map.of("user",
					content.get("secinfo").get("user").stringValue()) : Map.of();
			assertThat(decoded.securityInfo).as(name).containsExactly(expectedInfo);
		}
		assertThat(read).isEqualTo(16);
	}

	@Test
	void whatJavaEncodesDecodesToTheSameMessage() {
		ObjectNode params = NODES.objectNode().put("text", "say \"hi\"\nbye\\\u0000 grüße ✓").put("n", -7)
			.put("x", 1.5).put("t", true);
		params.set("bytes", NODES.binaryNode(new byte[] { 0, 1, (byte) 255 }));
		params.set("big", NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")));
		params.set("exact", NODES.numberNode(new java.math.BigDecimal("0.1000000000000000000001")));
		params.set("nested", NODES.objectNode().set("list", NODES.arrayNode().add(1).add("two").addNull()));
		List<Message> messages = List.of(new Message.Call("notify", params, 0), new Message.Call("ping", params, 3),
				new Message.Call("positional", NODES.arrayNode().add(1).add("a"), 4),
				new Message.Reply(3, NODES.nullNode()), new Message.Reply(4, params),
				new Message.ErrorReply(5, -32601, "unknown", null),
				new Message.ErrorReply(6, -32000, "boom", NODES.objectNode().put("type", "X")));
		Security alice = Registry.securities().create("blindly_believe_everything:alice");
		for (String expression : List.of("jrpc", "jrpc:\\n", "jrpc:\\r\\n")) {
			Codec codec = Registry.codecs().create(expression);
			for (Message message : messages) {
				assertThat(decode(codec, codec.encode(message, this.none)).messages).containsExactly(message);
				TerseCodecTests.Decoded signed = decode(codec, codec.encode(message, alice));
				assertThat(signed.messages).containsExactly(message);
				assertThat(signed.securityInfo).containsExactly(Map.of("user", "alice"));
			}
		}
	}

	@Test
	void framesSplitAtEveryByteDecodeTheSame() {
		Codec codec = Registry.codecs().create("jrpc");
		Security alice = Registry.securities().create("blindly_believe_everything:alice");
		byte[] first = codec.encode(new Message.Call("say", NODES.objectNode().put("text", "grüße ✓"), 0), alice);
		byte[] second = codec.encode(new Message.Reply(7, NODES.arrayNode().add(1).add("x")), this.none);
		byte[] stream = new byte[first.length + second.length];
		System.arraycopy(first, 0, stream, 0, first.length);
		System.arraycopy(second, 0, stream, first.length, second.length);
		TerseCodecTests.Decoded whole = decode(codec, stream);
		assertThat(whole.messages).hasSize(2);
		for (int split = 0; split <= stream.length; split++) {
			TerseCodecTests.Decoded pieces = new TerseCodecTests.Decoded();
			ByteBuffer head = ByteBuffer.wrap(stream, 0, split).slice();
			codec.decode(head, pieces);
			byte[] rest = new byte[head.remaining() + stream.length - split];
			head.get(rest, 0, head.remaining());
			System.arraycopy(stream, split, rest, rest.length - (stream.length - split), stream.length - split);
			codec.decode(ByteBuffer.wrap(rest), pieces);
			assertThat(pieces.messages).as("split at %d", split).isEqualTo(whole.messages);
			assertThat(pieces.securityInfo).as("split at %d", split).isEqualTo(whole.securityInfo);
		}
	}

	@Test
	void badFramesAreReportedWithTheirCodeAndDecodingGoesOn() {
		Codec codec = Registry.codecs().create("jrpc:\\n");
		String input = String.join("\n", "not json", "[1, 2]", "{\"jsonrpc\": \"2.0\"}",
				"{\"jsonrpc\": \"2.0\", \"method\": 5, \"id\": 7}", "{\"method\": \"x\", \"id\": \"abc\"}",
				"{\"method\": \"x\", \"params\": {\"b\": {\"__bytes\": \"***\"}}, \"id\": 8}",
				"{\"method\": \"x\", \"method\": \"y\"}", "{\"error\": 5, \"id\": 3}",
				"{\"jsonrpc\": \"2.0\", \"method\": \"ok\", \"params\": {}}", "");
		TerseCodecTests.Decoded decoded = decode(codec, input.getBytes(StandardCharsets.UTF_8));

		assertThat(decoded.invalid).extracting(InvalidMessageException::code).containsExactly(
				RemoteException.PARSE_ERROR, RemoteException.INVALID_REQUEST, RemoteException.INVALID_REQUEST,
				RemoteException.INVALID_REQUEST, RemoteException.INVALID_REQUEST, RemoteException.INVALID_PARAMS,
				RemoteException.PARSE_ERROR, RemoteException.INVALID_REQUEST);
		assertThat(decoded.invalid).extracting(InvalidMessageException::id).containsExactly(0L, 0L, 0L, 7L, 0L, 8L,
				0L, 0L);
		assertThat(decoded.messages).containsExactly(new Message.Call("ok", NODES.objectNode(), 0));
	}

	@Test
	void randomAndTruncatedInputNeverEscapesAsAnException() {
		Codec codec = Registry.codecs().create("jrpc");
		byte[] valid = codec.encode(new Message.Call("ping", NODES.objectNode().put("text", "hi")
			.set("b", NODES.binaryNode(new byte[] { 1, 2, 3 })), 9), Registry.securities().create("blindly_believe_everything:a"));
		for (int length = 0; length <= valid.length; length++) {
			decode(codec, java.util.Arrays.copyOf(valid, length));
		}
		Random random = new Random(7);
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = (random.nextInt(3) == 0) ? valid.clone() : new byte[random.nextInt(100)];
			if (bytes.length == valid.length) {
				for (int flips = random.nextInt(4); flips >= 0; flips--) {
					bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
				}
			}
			else {
				random.nextBytes(bytes);
			}
			decode(codec, bytes);
		}
	}

	@Test
	void delimiterMustBeMadeOfControlCharacters() {
		assertThat(Registry.codecs().create("jrpc")).hasToString("jrpc");
		assertThat(Registry.codecs().create("jrpc:\\n")).hasToString("jrpc:\\n");
		assertThat(Registry.codecs().create("jrpc:\n")).hasToString("jrpc:\\n");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> Registry.codecs().create("jrpc:|"))
			.withMessageContaining("the delimiter must consist of control characters");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> Registry.codecs().create("jrpc:\\q"))
			.withMessageContaining("unknown escape '\\q'");
	}

	private static TerseCodecTests.Decoded decode(Codec codec, byte[] bytes) {
		TerseCodecTests.Decoded decoded = new TerseCodecTests.Decoded();
		codec.decode(ByteBuffer.wrap(bytes), decoded);
		return decoded;
	}

	private static JsonNode normalized(JsonNode node) {
		return TerseCodecTests.normalized(node);
	}

}
