package io.quickrpc.codec;

import static io.quickrpc.codec.Trees.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quickrpc.RemoteException;
import io.quickrpc.security.Security;
import io.quickrpc.security.SecurityInfo;
import io.quickrpc.spi.InvalidExpressionException;
import io.quickrpc.spi.Registry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tests for {@link JsonRpcCodec} and {@link JsonRpcCodecFactory}: the frames of the Python
 * original, round trips, frames split across reads, bad and random input, and the delimiter.
 */
class JsonRpcCodecTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Set<Integer> REPORTED_CODES = Set.of(RemoteException.PARSE_ERROR,
			RemoteException.INVALID_REQUEST, RemoteException.INVALID_PARAMS);

	private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private final Security none = Registry.securities().create("null");

	private final Security alice = Registry.securities().create("blindly_believe_everything:alice");

	// the frames of the Python original

	@Test
	void decodesEveryJrpcFrameOfThePythonOriginal() {
		List<WireFrame> frames = pythonFrames();
		assertThat(frames).extracting(WireFrame::codec).contains("jrpc", "jrpc:\n");
		assertThat(frames).extracting(WireFrame::kind).contains("notification", "request", "reply", "error");
		assertThat(frames).anySatisfy((frame) -> assertThat(frame.content().has("secinfo")).isTrue());
		for (WireFrame frame : frames) {
			JsonNode content = frame.content();
			Decoded decoded = decode(codec(frame.codec()), frame.bytes());
			assertThat(decoded.invalid).as(frame.describe()).isEmpty();
			assertThat(decoded.position).as(frame.describe()).isEqualTo(frame.bytes().length);
			assertThat(decoded.messages).as(frame.describe()).hasSize(1);
			Message message = decoded.messages.get(0);
			RequestId id = content.has("id") ? RequestId.of(content.get("id").longValue()) : null;
			switch (frame.kind()) {
				case "notification", "request" -> {
					assertThat(id == null).as(frame.describe()).isEqualTo(frame.kind().equals("notification"));
					assertThat(message).as(frame.describe()).isEqualTo(new Message.Call(
							content.get("method").stringValue(), tree(expectedValue(content.get("params"))), id));
				}
				case "reply" -> assertThat(message).as(frame.describe())
					.isEqualTo(new Message.Reply(id, tree(expectedValue(content.get("result")))));
				case "error" -> {
					assertThat(message).as(frame.describe()).isInstanceOf(Message.ErrorReply.class);
					Message.ErrorReply error = (Message.ErrorReply) message;
					assertThat(error.id()).as(frame.describe()).isEqualTo(id);
					assertThat(error.code()).as(frame.describe()).isEqualTo(content.get("code").intValue());
					assertThat(error.message()).as(frame.describe()).isEqualTo(content.get("message").stringValue());
					assertThat(error.data()).as(frame.describe() + ": data is present").isNotNull();
				}
				default -> throw new AssertionError("unknown kind in " + frame.describe());
			}
			Map<String, String> secinfo = new HashMap<>();
			if (content.has("secinfo")) {
				content.get("secinfo").properties()
					.forEach((entry) -> secinfo.put(entry.getKey(), entry.getValue().stringValue()));
			}
			assertThat(decoded.securityInfo).as(frame.describe()).containsExactly(secinfo);
			assertThat(decoded.payloads).as(frame.describe() + ": the payload handed to the security provider")
				.containsExactly(lastFrameWithoutDelimiter(frame));
		}
	}

	@Test
	void decodesTheValueTypesOfThePythonOriginalToTheirJavaCounterparts() {
		WireFrame frame = pythonFrames().stream().filter((candidate) -> candidate.name().equals("notification-types"))
			.findFirst().orElseThrow();
		JsonNode params = Trees.node(((Message.Call) decode(codec(frame.codec()), frame.bytes()).messages.get(0)).params());
		assertThat(params.get("int")).isEqualTo(NODES.numberNode(1));
		assertThat(params.get("neg")).isEqualTo(NODES.numberNode(-7));
		assertThat(params.get("float")).isEqualTo(NODES.numberNode(1.5));
		assertThat(params.get("quote_nl").stringValue()).isEqualTo("say \"hi\"\nbye\\");
		assertThat(params.get("unicode").stringValue()).isEqualTo("gr\u00fc\u00dfe \u2713");
		assertThat(params.get("list")).isEqualTo(NODES.arrayNode().add(1).add("two").add(3.0));
		assertThat(params.get("dict")).isEqualTo(
				NODES.objectNode().put("a", 1).set("b", NODES.arrayNode().add(true).addNull()));
		assertThat(params.get("bytes").isBinary()).isTrue();
		assertThat(params.get("bytes").binaryValue())
			.isEqualTo(new byte[] { 0, 1, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff });
	}

	@Test
	void encodesEveryJrpcFrameOfThePythonOriginalAsTheSameJson() {
		for (WireFrame frame : pythonFrames()) {
			Codec codec = codec(frame.codec());
			Decoded decoded = decode(codec, frame.bytes());
			Security security = frame.content().has("secinfo") ? this.alice : this.none;
			byte[] encoded = codec.encode(decoded.messages.get(0), security);
			List<byte[]> python = split(frame.bytes(), delimiterOf(frame.codec()));
			List<byte[]> java = split(encoded, delimiterOf(frame.codec()));
			assertThat(java).as(frame.describe()).hasSameSizeAs(python);
			for (int i = 0; i < python.size(); i++) {
				JsonNode expected = MAPPER.readTree(python.get(i));
				JsonNode actual = MAPPER.readTree(java.get(i));
				assertThat(actual).as(frame.describe()).isEqualTo(expected);
				if (expected.has("method")) {
					assertThat(actual.propertyNames()).as(frame.describe() + ": key order")
						.containsExactlyElementsOf(expected.propertyNames());
				}
				else {
					// replies name their request first, so the result is read knowing its type
					assertThat(actual.propertyNames()).as(frame.describe() + ": key order").startsWith("jsonrpc", "id");
				}
			}
		}
	}

	// what Java encodes

	@Test
	void encodesMembersInTheOrderOfThePythonOriginalWithoutSpaces() {
		Codec codec = codec("jrpc");
		assertThat(text(codec.encode(Message.Call.notification("quit", tree(NODES.objectNode())), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"quit\",\"params\":{}}\0");
		assertThat(text(codec.encode(new Message.Call("ping", tree(NODES.objectNode().put("text", "hi")), RequestId.of(3)), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"hi\"},\"id\":3}\0");
		assertThat(text(codec.encode(new Message.Call("add", tree(NODES.arrayNode().add(1).add(2)), RequestId.of(4)), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":4}\0");
		assertThat(text(codec.encode(new Message.Reply(RequestId.of(3), tree(NODES.stringNode("hi"))), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":\"hi\"}\0");
		assertThat(text(codec.encode(new Message.Reply(RequestId.of(3), tree(NODES.nullNode())), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":null}\0");
		byte[] bytes = { 0, 1, (byte) 0xff };
		assertThat(text(codec.encode(new Message.Reply(RequestId.of(3), tree(NODES.binaryNode(bytes))), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"__bytes\":\"AAH/\"}}\0");
		assertThat(text(codec.encode(new Message.ErrorReply(RequestId.of(3), -32601, "no such method", null), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32601,\"message\":\"no such method\"}}\0");
		assertThat(text(codec.encode(new Message.ErrorReply(RequestId.of(3), 0, "boom", tree(NODES.stringNode("trace"))), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":0,\"message\":\"boom\",\"data\":\"trace\"}}\0");
	}

	@Test
	void everyMethodNameIsWrittenAsJsonWritesItTheSecondTimeAsTheFirst() {
		Codec codec = codec("jrpc");
		Map<String, String> written = Map.of("say", "\"say\"", "a \"quoted\" name", "\"a \\\"quoted\\\" name\"",
				"back\\slash", "\"back\\\\slash\"", "gr\u00fc\u00dfe", "\"gr\u00fc\u00dfe\"", "tab\there", "\"tab\\there\"",
				"m".repeat(300), "\"" + "m".repeat(300) + "\"");
		for (int round = 0; round < 2; round++) {
			for (Map.Entry<String, String> entry : written.entrySet()) {
				Message call = new Message.Call(entry.getKey(), tree(NODES.arrayNode().add(1)), RequestId.of("r"));
				assertThat(text(codec.encode(call, this.none))).as(entry.getKey())
					.isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":" + entry.getValue() + ",\"params\":[1],\"id\":\"r\"}\0");
				assertThat(decodeChecked(codec, codec.encode(call, this.none)).messages).singleElement()
					.isInstanceOfSatisfying(Message.Call.class, (read) -> assertThat(read.method()).isEqualTo(entry.getKey()));
			}
		}
	}

	@Test
	void sendsTheSecurityInfoAsAnRpcSecinfoNotificationAheadOfThePayload() {
		byte[] encoded = codec("jrpc:\n").encode(Message.Call.notification("say", tree(NODES.objectNode().put("text", "hi"))),
				this.alice);
		assertThat(text(encoded))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.secinfo\",\"params\":{\"user\":\"alice\"}}\n"
				+ "{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{\"text\":\"hi\"}}\n");
	}

	// call headers, in the "meta" member

	@Test
	void aCallsHeadersTravelInAMetaMemberWrittenOnlyWhenItHasHeaders() {
		Codec codec = codec("jrpc");
		Map<String, String> headers = Map.of("traceparent", TRACEPARENT);
		Message.Call request = new Message.Call("ping", tree(NODES.objectNode().put("text", "hi")), RequestId.of(3), headers);
		byte[] encoded = codec.encode(request, this.none);
		assertThat(text(encoded)).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"hi\"},"
				+ "\"meta\":{\"traceparent\":\"" + TRACEPARENT + "\"},\"id\":3}\0");
		assertThat(((Message.Call) decode(codec, encoded).messages.get(0)).headers()).isEqualTo(headers);
		assertThat(text(codec.encode(new Message.Call("ping", tree(NODES.objectNode()), RequestId.of(3), Map.of()), this.none)))
			.as("without headers, the frame the original writes")
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{},\"id\":3}\0");
	}

	@Test
	void everyCallFrameOfThePythonOriginalWithAMetaMemberAddedDecodesToTheSameCallWithItsHeaders() {
		for (WireFrame frame : pythonFrames()) {
			if (!frame.kind().equals("request") && !frame.kind().equals("notification")) {
				continue;
			}
			Codec codec = codec(frame.codec());
			Message.Call plain = (Message.Call) decode(codec, frame.bytes()).messages.get(0);
			String text = text(frame.bytes());
			int params = text.lastIndexOf("\"params\"");
			byte[] withMeta = bytes(text.substring(0, params) + "\"meta\": {\"traceparent\": \"" + TRACEPARENT + "\"}, "
					+ text.substring(params));
			Decoded decoded = decode(codec, withMeta);
			assertThat(decoded.invalid).as(frame.describe()).isEmpty();
			assertThat(decoded.messages).as(frame.describe()).containsExactly(new Message.Call(plain.method(),
					plain.params(), plain.id(), Map.of("traceparent", TRACEPARENT)));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "5", "\"text\"", "null", "[\"a\", \"b\"]", "{\"n\": 1, \"list\": [1], \"nested\": {\"x\": \"y\"}}" })
	void aMalformedMetaMemberIsIgnoredAndTheCallIsStillHandled(String meta) {
		Decoded decoded = decode(codec("jrpc"), bytes("{\"jsonrpc\": \"2.0\", \"method\": \"ping\", \"meta\": " + meta
				+ ", \"params\": {\"text\": \"hi\"}, \"id\": 7}\0"));
		assertThat(decoded.invalid).isEmpty();
		assertThat(decoded.messages).containsExactly(
				new Message.Call("ping", tree(NODES.objectNode().put("text", "hi")), RequestId.of(7)));
	}

	@Test
	void theStringEntriesOfAMetaMemberAreKeptAndTheOthersDropped() {
		Decoded decoded = decode(codec("jrpc"), bytes("{\"jsonrpc\": \"2.0\", \"method\": \"say\", \"params\": {}, "
				+ "\"meta\": {\"traceparent\": \"" + TRACEPARENT + "\", \"n\": 1, \"tracestate\": \"a=b\", \"o\": {}}}\0"));
		assertThat(((Message.Call) decoded.messages.get(0)).headers())
			.containsExactly(Map.entry("traceparent", TRACEPARENT), Map.entry("tracestate", "a=b"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jrpc", "jrpc:\n", "jrpc:\\n", "jrpc:\\r\\n" })
	void whatJavaEncodesDecodesToTheSameMessage(String expression) {
		Codec codec = codec(expression);
		byte[] delimiter = delimiterOf(expression);
		for (Message message : sampleMessages()) {
			byte[] plain = codec.encode(message, this.none);
			assertThat(split(plain, delimiter)).as("%s: one frame", message).hasSize(1);
			Decoded decoded = decode(codec, plain);
			assertThat(decoded.invalid).as("%s", message).isEmpty();
			assertThat(decoded.messages).as("%s", message).containsExactly(message);
			assertThat(decoded.securityInfo).as("%s", message).containsExactly(Map.of());
			assertThat(decoded.position).as("%s", message).isEqualTo(plain.length);

			byte[] signed = codec.encode(message, this.alice);
			assertThat(split(signed, delimiter)).as("%s: header and payload", message).hasSize(2);
			Decoded verified = decode(codec, signed);
			assertThat(verified.invalid).as("%s", message).isEmpty();
			assertThat(verified.messages).as("%s", message).containsExactly(message);
			assertThat(verified.securityInfo).as("%s", message).containsExactly(Map.of("user", "alice"));
			assertThat(verified.position).as("%s", message).isEqualTo(signed.length);
			assertThat(this.alice.verify(ByteBuffer.wrap(verified.payloads.get(0)), verified.securityInfo.get(0)))
				.isEqualTo(SecurityInfo.of(Map.of("user", "alice")));
		}
	}

	@Test
	void manyMessagesInOneBufferDecodeInTheirOrder() {
		Codec codec = codec("jrpc");
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		List<Message> messages = sampleMessages();
		for (int i = 0; i < messages.size(); i++) {
			stream.writeBytes(codec.encode(messages.get(i), (i % 2 == 0) ? this.alice : this.none));
		}
		Decoded decoded = decode(codec, stream.toByteArray());
		assertThat(decoded.invalid).isEmpty();
		assertThat(decoded.messages).containsExactlyElementsOf(messages);
		for (int i = 0; i < messages.size(); i++) {
			assertThat(decoded.securityInfo.get(i)).isEqualTo((i % 2 == 0) ? Map.of("user", "alice") : Map.of());
		}
	}

	@Test
	void theSinkReceivesExactlyThePayloadThatWasSigned() {
		RecordingSecurity recording = new RecordingSecurity();
		Codec codec = codec("jrpc");
		Message message = new Message.Call("ping", tree(NODES.objectNode().put("text", "gr\u00fc\u00dfe")), RequestId.of(12));
		byte[] encoded = codec.encode(message, recording);
		Decoded decoded = decode(codec, encoded);
		assertThat(decoded.messages).containsExactly(message);
		assertThat(decoded.securityInfo).containsExactly(Map.of("length", String.valueOf(recording.signed.length),
				"first", "{"));
		assertThat(decoded.payloads).containsExactly(recording.signed);
		assertThat(text(recording.signed))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"gr\u00fc\u00dfe\"},\"id\":12}");
	}

	@Test
	void numbersDecodeToTheNarrowestNodeThatHoldsThemWithoutLosingDigits() {
		Decoded decoded = decode(codec("jrpc"), bytes("{\"jsonrpc\": \"2.0\", \"result\": [1, -2147483649, "
				+ "9223372036854775807, 9223372036854775808, -9223372036854775809, 1.5, 0.1, 3.0, 1e2, "
				+ "0.1000000000000000000001, 1e400, 2.5e-400, 123456789012345678901234567890], \"id\": 1}\0"));
		assertThat(decoded.invalid).isEmpty();
		JsonNode result = Trees.node(((Message.Reply) decoded.messages.get(0)).result());
		assertThat(result).containsExactly(NODES.numberNode(1), NODES.numberNode(-2147483649L),
				NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(new BigInteger("9223372036854775808")),
				NODES.numberNode(new BigInteger("-9223372036854775809")), NODES.numberNode(1.5), NODES.numberNode(0.1),
				NODES.numberNode(3.0), NODES.numberNode(100.0),
				NODES.numberNode(new BigDecimal("0.1000000000000000000001")),
				NODES.numberNode(new BigDecimal("1e400")), NODES.numberNode(new BigDecimal("2.5e-400")),
				NODES.numberNode(new BigInteger("123456789012345678901234567890")));
		assertThat(result.get(0).isInt()).isTrue();
		assertThat(result.get(1).isLong()).isTrue();
		assertThat(result.get(3).isBigInteger()).isTrue();
		assertThat(result.get(5).isDouble()).isTrue();
		assertThat(result.get(9).isBigDecimal()).isTrue();
		assertThat(result.get(10).isBigDecimal()).isTrue();
	}

	@Test
	void negativeZeroKeepsItsSign() {
		Codec codec = codec("jrpc");
		Message message = new Message.Reply(RequestId.of(1), tree(NODES.numberNode(-0.0)));
		byte[] encoded = codec.encode(message, this.none);
		assertThat(text(encoded)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":-0.0}\0");
		JsonNode result = Trees.node(((Message.Reply) decode(codec, encoded).messages.get(0)).result());
		assertThat(Double.doubleToRawLongBits(result.doubleValue())).isEqualTo(Double.doubleToRawLongBits(-0.0));
	}

	@Test
	void readsTheBareNaNAndInfinityOfThePythonOriginalButWritesThemAsStrings() {
		Codec codec = codec("jrpc");
		Decoded decoded = decode(codec,
				bytes("{\"jsonrpc\": \"2.0\", \"result\": [NaN, Infinity, -Infinity], \"id\": 1}\0"));
		assertThat(decoded.invalid).isEmpty();
		JsonNode result = Trees.node(((Message.Reply) decoded.messages.get(0)).result());
		assertThat(result).containsExactly(NODES.numberNode(Double.NaN), NODES.numberNode(Double.POSITIVE_INFINITY),
				NODES.numberNode(Double.NEGATIVE_INFINITY));
		assertThat(text(codec.encode(new Message.Reply(RequestId.of(1), tree(result)), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[\"NaN\",\"Infinity\",\"-Infinity\"]}\0");
	}

	@Test
	void bytesHeldByAPojoNodeTravelAsBytesAndOtherPojosAreRefused() {
		Codec codec = codec("jrpc");
		byte[] encoded = codec.encode(new Message.Reply(RequestId.of(1), tree(NODES.pojoNode(new byte[] { 1, 2, 3 }))), this.none);
		assertThat(text(encoded)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"__bytes\":\"AQID\"}}\0");
		assertThat(decode(codec, encoded).messages)
			.containsExactly(new Message.Reply(RequestId.of(1), tree(NODES.binaryNode(new byte[] { 1, 2, 3 }))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> codec.encode(new Message.Reply(RequestId.of(1), tree(NODES.pojoNode(new StringBuilder("x")))), this.none))
			.withMessage("cannot encode java.lang.StringBuilder as JSON; "
					+ "convert it to a tree with the JsonMapper first");
	}

	@Test
	void aMessageThatFailsHalfWrittenLeavesNothingBehindForTheNext() {
		Codec codec = codec("jrpc");
		ObjectNode half = NODES.objectNode().put("a", 1).putPOJO("b", new StringBuilder("x"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> codec.encode(new Message.Call("half", tree(half), RequestId.of(3)), this.none));

		assertThat(text(codec.encode(new Message.Reply(RequestId.of(4), tree(NODES.stringNode("whole"))), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":\"whole\"}\0");
	}

	@Test
	void aLargeMessageAndTheSmallOneAfterItEncodeWhole() {
		Codec codec = codec("jrpc");
		String large = "x".repeat(200_000);

		assertThat(text(codec.encode(new Message.Reply(RequestId.of(1), tree(NODES.stringNode(large))), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + large + "\"}\0");
		assertThat(text(codec.encode(new Message.Reply(RequestId.of(2), tree(NODES.stringNode("small"))), this.none)))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"small\"}\0");
	}

	@Test
	void anErrorWhoseDataIsJsonNullDecodesWithoutData() {
		Codec codec = codec("jrpc");
		byte[] encoded = codec.encode(new Message.ErrorReply(RequestId.of(4), -32000, "boom", tree(NODES.nullNode())), this.none);
		assertThat(text(encoded))
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32000,\"message\":\"boom\",\"data\":null}}\0");
		assertThat(decode(codec, encoded).messages).containsExactly(new Message.ErrorReply(RequestId.of(4), -32000, "boom", null));
	}

	@Test
	void anErrorWithoutAnIntegerCodeOrAStringMessageIsStillDelivered() {
		Decoded decoded = decode(codec("jrpc:\n"), bytes("{\"error\": {\"message\": 5}, \"id\": 2}\n"
				+ "{\"error\": {\"code\": \"x\"}, \"id\": 3}\n"
				+ "{\"error\": {\"code\": 4.5, \"message\": null}, \"id\": 4}\n"));
		assertThat(decoded.invalid).isEmpty();
		assertThat(decoded.messages).containsExactly(new Message.ErrorReply(RequestId.of(2), 0, "5", null),
				new Message.ErrorReply(RequestId.of(3), 0, "", null), new Message.ErrorReply(RequestId.of(4), 0, "", null));
	}

	// frames split across reads

	@Test
	void framesSplitAtEveryByteDecodeAsWhenDecodedWhole() {
		Map<String, List<byte[]>> units = new LinkedHashMap<>();
		for (WireFrame frame : pythonFrames()) {
			units.computeIfAbsent(frame.codec(), (codec) -> new ArrayList<>()).add(frame.bytes());
			assertSplitsDecodeAsWhole(codec(frame.codec()), List.of(frame.bytes()), frame.describe());
		}
		units.forEach((codec, frames) -> assertSplitsDecodeAsWhole(codec(codec), frames,
				"all frames of " + printable(codec)));
		Codec crlf = codec("jrpc:\\r\\n");
		List<byte[]> java = new ArrayList<>();
		List<Message> messages = sampleMessages();
		for (Message message : List.of(messages.get(0), messages.get(3), messages.get(9))) {
			java.add(crlf.encode(message, this.alice));
			java.add(crlf.encode(message, this.none));
		}
		assertSplitsDecodeAsWhole(crlf, java, "what Java encodes for jrpc:\\r\\n");
	}

	@Test
	void aSecurityHeaderWhosePayloadHasNotArrivedWaitsInTheDecoder() {
		Codec codec = codec("jrpc");
		Message message = Message.Call.notification("say", tree(NODES.objectNode().put("text", "hi")));
		byte[] signed = codec.encode(message, this.alice);
		int headerEnd = indexOf(signed, (byte) 0) + 1;
		for (int length : new int[] { headerEnd, headerEnd + 1, signed.length - 1 }) {
			Decoded partial = decode(codec, Arrays.copyOf(signed, length));
			assertThat(partial.messages).as("%d bytes", length).isEmpty();
			assertThat(partial.invalid).as("%d bytes", length).isEmpty();
			assertThat(partial.position).as("%d bytes: the header is read, its payload waits", length)
				.isEqualTo(headerEnd);
		}
		byte[] plain = codec.encode(new Message.Reply(RequestId.of(5), tree(NODES.stringNode("ok"))), this.none);
		StreamDecoder decoder = new StreamDecoder(codec);
		Decoded partial = new Decoded();
		ByteBuffer first = ByteBuffer.wrap(concat(plain, Arrays.copyOf(signed, headerEnd + 3)));
		decoder.decode(first, partial);
		assertThat(partial.messages).containsExactly(new Message.Reply(RequestId.of(5), tree(NODES.stringNode("ok"))));
		assertThat(partial.securityInfo).containsExactly(Map.of());
		assertThat(first.position()).isEqualTo(plain.length + headerEnd);
		decoder.decode(ByteBuffer.wrap(Arrays.copyOfRange(signed, headerEnd, signed.length)), partial);
		assertThat(partial.messages).last().isEqualTo(message);
		assertThat(partial.securityInfo).last().isEqualTo(Map.of("user", "alice"));
	}

	@Test
	void aSinkThatMakesTheDecoderDecodeAgainLeavesTheRestOfTheStreamToItsOwnSink() {
		Codec codec = codec("jrpc");
		StreamDecoder decoder = new StreamDecoder(codec);
		Message first = Message.Call.notification("first", tree(NODES.arrayNode()));
		Message second = Message.Call.notification("second", tree(NODES.arrayNode()));
		Message inner = Message.Call.notification("inner", tree(NODES.arrayNode()));
		Decoded nested = new Decoded();
		Decoded outer = new Decoded() {

			@Override
			public void message(Message message, Map<String, String> info, ByteBuffer payload) {
				super.message(message, info, payload);
				if (this.messages.size() == 1) {
					// as a synchronous transport delivers what a handler's call made the peer send
					ByteBuffer frame = ByteBuffer.wrap(codec.encode(inner, JsonRpcCodecTests.this.none));
					frame.limit(frame.limit() - 1);
					decoder.decodeFrame(frame, nested);
				}
			}

		};

		decoder.decode(ByteBuffer.wrap(concat(codec.encode(first, this.none), codec.encode(second, this.none))), outer);

		assertThat(outer.messages).containsExactly(first, second);
		assertThat(nested.messages).containsExactly(inner);
	}

	@Test
	void aSecurityHeaderPairsWithTheNextMessageAcrossBlankFrames() {
		Codec codec = codec("jrpc:\n");
		byte[] header = bytes("{\"jsonrpc\": \"2.0\", \"method\": \"rpc.secinfo\", "
				+ "\"params\": {\"user\": \"bob\", \"n\": 5}}\n\r\n \n");
		StreamDecoder decoder = new StreamDecoder(codec);
		Decoded decoded = new Decoded();
		ByteBuffer waiting = ByteBuffer.wrap(header);
		decoder.decode(waiting, decoded);
		assertThat(decoded.messages).isEmpty();
		assertThat(waiting.hasRemaining()).as("the header is read and waits in the decoder").isFalse();
		decoder.decode(ByteBuffer.wrap(bytes("{\"jsonrpc\": \"2.0\", \"method\": \"say\", \"params\": {}}\n")), decoded);
		assertThat(decoded.messages).containsExactly(Message.Call.notification("say", tree(NODES.objectNode())));
		assertThat(decoded.securityInfo).containsExactly(Map.of("user", "bob", "n", "5"));
	}

	@Test
	void aSecurityHeaderFollowedByAnotherHeaderOrABadFrameIsReported() {
		Codec codec = codec("jrpc:\n");
		String bob = "{\"jsonrpc\": \"2.0\", \"method\": \"rpc.secinfo\", \"params\": {\"user\": \"bob\"}}\n";
		String eve = "{\"jsonrpc\": \"2.0\", \"method\": \"rpc.secinfo\", \"params\": {\"user\": \"eve\"}}\n";
		Decoded decoded = decode(codec, bytes(bob + eve + "{\"jsonrpc\": \"2.0\", \"method\": \"a\"}\n" + bob
				+ "nonsense\n{\"jsonrpc\": \"2.0\", \"method\": \"b\"}\n"));
		assertThat(decoded.events).hasSize(4);
		assertThat(((InvalidMessageException) decoded.events.get(0)).code()).isEqualTo(RemoteException.INVALID_REQUEST);
		assertThat(decoded.events.get(1)).isEqualTo(Message.Call.notification("a", tree(NODES.objectNode())));
		assertThat(((InvalidMessageException) decoded.events.get(2)).code()).isEqualTo(RemoteException.PARSE_ERROR);
		assertThat(decoded.events.get(3)).isEqualTo(Message.Call.notification("b", tree(NODES.objectNode())));
		assertThat(decoded.securityInfo).containsExactly(Map.of("user", "eve"), Map.of());
	}

	@Test
	void decodesFromThePositionOfHeapSlicedReadOnlyAndDirectBuffers() {
		Codec codec = codec("jrpc");
		Message first = Message.Call.notification("say", tree(NODES.objectNode().put("text", "gr\u00fc\u00dfe")));
		Message second = new Message.Reply(RequestId.of(9), tree(NODES.arrayNode().add(1).add(NODES.binaryNode(new byte[] { 7 }))));
		byte[] prefix = bytes("garbage before the position\0");
		byte[] secondFrame = codec.encode(second, this.none);
		byte[] frames = concat(codec.encode(first, this.alice), secondFrame);
		byte[] tail = bytes("{\"jsonrpc\": \"2.0\", \"res");
		byte[] all = concat(prefix, concat(frames, tail));
		ByteBuffer direct = ByteBuffer.allocateDirect(all.length).put(all).flip().position(prefix.length);
		List<ByteBuffer> buffers = List.of(ByteBuffer.wrap(all, prefix.length, all.length - prefix.length),
				ByteBuffer.wrap(all).position(prefix.length).slice(),
				ByteBuffer.wrap(all).position(prefix.length).asReadOnlyBuffer(), direct);
		for (ByteBuffer buffer : buffers) {
			int start = buffer.position();
			Decoded decoded = new Decoded();
			new StreamDecoder(codec).decode(buffer, decoded);
			assertThat(decoded.invalid).as("%s", buffer).isEmpty();
			assertThat(decoded.messages).as("%s", buffer).containsExactly(first, second);
			assertThat(decoded.securityInfo).as("%s", buffer).containsExactly(Map.of("user", "alice"), Map.of());
			assertThat(buffer.position()).as("%s", buffer).isEqualTo(start + frames.length);
			assertThat(buffer.limit()).as("%s", buffer).isEqualTo(start + frames.length + tail.length);
			assertThat(decoded.payloads.get(1)).isEqualTo(Arrays.copyOf(secondFrame, secondFrame.length - 1));
		}
	}

	// batches

	@Test
	void aBatchDecodesToItsMessagesWithItsBadEntriesReportedInside() {
		Decoded decoded = decodeChecked(codec("jrpc:\n"), bytes("[{\"jsonrpc\": \"2.0\", \"method\": \"a\", \"id\": \"x\"}, 5, "
				+ "{\"jsonrpc\": \"2.0\", \"method\": \"b\"}, {\"method\": \"c\", \"id\": 3}, "
				+ "{\"jsonrpc\": \"2.0\", \"result\": 1, \"id\": 2}]\n"));

		assertThat(decoded.invalid).isEmpty();
		assertThat(decoded.messages).singleElement().isInstanceOfSatisfying(Message.Batch.class, (batch) -> {
			assertThat(batch.messages()).containsExactly(
					new Message.Call("a", tree(NODES.objectNode()), RequestId.of("x")),
					Message.Call.notification("b", tree(NODES.objectNode())),
					new Message.Reply(RequestId.of(2), tree(NODES.numberNode(1))));
			assertThat(batch.problems()).extracting(InvalidMessageException::replyTo)
				.containsExactly(RequestId.nullId(), RequestId.of(3));
			assertThat(batch.problems()).extracting(InvalidMessageException::code)
				.containsOnly(RemoteException.INVALID_REQUEST);
			assertThat(batch.problems().get(0)).hasMessageStartingWith("batch entry 2: expected a JSON object, got a number");
			assertThat(batch.problems().get(1)).hasMessageStartingWith("batch entry 4: member 'jsonrpc' is missing");
		});
	}

	@Test
	void aBatchIsWrittenAsOneArrayInOneFrame() {
		Codec codec = codec("jrpc");
		byte[] encoded = codec.encode(new Message.Batch(List.of(new Message.Reply(RequestId.of("x"), tree(NODES.stringNode("hi"))),
				new Message.ErrorReply(RequestId.nullId(), -32600, "bad", null))), this.none);

		assertThat(text(encoded)).isEqualTo("[{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":\"hi\"},"
				+ "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"bad\"}}]\0");
	}

	@Test
	void anEmptyBatchIsOneInvalidRequestAnsweredWithTheNullId() {
		Decoded decoded = decodeChecked(codec("jrpc"), bytes("[]\0[ ]\0"));

		assertThat(decoded.messages).isEmpty();
		assertThat(decoded.invalid).hasSize(2).allSatisfy((problem) -> {
			assertThat(problem.code()).isEqualTo(RemoteException.INVALID_REQUEST);
			assertThat(problem.replyTo()).isEqualTo(RequestId.nullId());
		});
	}

	@Test
	void idsOfEveryJsonTypeAreReadAndWrittenAsSent() {
		Codec codec = codec("jrpc:\n");
		for (String id : List.of("\"abc\"", "0", "-0", "1.50", "2E+3", "123456789012345678901234567890", "null")) {
			String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{},\"id\":" + id + "}";
			Message message = decodeChecked(codec, bytes(frame + "\n")).messages.get(0);
			assertThat(message).as(id).isInstanceOfSatisfying(Message.Call.class,
					(call) -> assertThat(call.isRequest()).isTrue());
			assertThat(text(codec.encode(message, this.none))).as(id).isEqualTo(frame + "\n");
		}
	}

	// bad and random input

	@Test
	void badFramesAreReportedWithTheirCodeAndIdAndDecodingGoesOn() {
		List<Bad> bad = List.of(
				new Bad("not json", RemoteException.PARSE_ERROR, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\"", RemoteException.PARSE_ERROR, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"id\": 3", RemoteException.PARSE_ERROR, RequestId.of(3)),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\"} trailing", RemoteException.PARSE_ERROR, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\"} {}", RemoteException.PARSE_ERROR, RequestId.nullId()),
				// what only begins after the value must not carry over into the next frame
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\"} 5", RemoteException.PARSE_ERROR, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\"}5", RemoteException.PARSE_ERROR, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\"} \"open", RemoteException.PARSE_ERROR, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\"} \"x}", RemoteException.PARSE_ERROR, RequestId.nullId()),
				new Bad("[{\"jsonrpc\": \"2.0\", \"method\": \"x\"}", RemoteException.PARSE_ERROR, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": [\"abc", RemoteException.PARSE_ERROR, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"a\tb\"}", RemoteException.PARSE_ERROR, RequestId.nullId()),
				new Bad("[1, 2", RemoteException.PARSE_ERROR, RequestId.nullId()),
				new Bad("\"text\"", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("42", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("null", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("[]", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("{}", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\"}", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("{\"method\": \"x\", \"id\": 3}", RemoteException.INVALID_REQUEST, RequestId.of(3)),
				new Bad("{\"jsonrpc\": \"1.0\", \"method\": \"x\", \"id\": \"a\"}", RemoteException.INVALID_REQUEST, RequestId.of("a")),
				new Bad("{\"jsonrpc\": 2.0, \"method\": \"x\"}", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"params\": {}, \"id\": 4}", RemoteException.INVALID_REQUEST, RequestId.of(4)),
				new Bad("{\"jsonrpc\":\"2.0\",\"method\":5,\"id\":7}", RemoteException.INVALID_REQUEST, RequestId.of(7)),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"\", \"id\": 7}", RemoteException.INVALID_REQUEST, RequestId.of(7)),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": null, \"id\": 7}", RemoteException.INVALID_REQUEST, RequestId.of(7)),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"id\": true}", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"id\": {\"a\": 1}}", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"id\": [1]}", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"id\": NaN}", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": 5, \"id\": 9}", RemoteException.INVALID_PARAMS, RequestId.of(9)),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": \"a\", \"id\": 9}", RemoteException.INVALID_PARAMS, RequestId.of(9)),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": null, \"id\": 9}", RemoteException.INVALID_PARAMS, RequestId.of(9)),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"method\": \"y\"}", RemoteException.INVALID_REQUEST, RequestId.nullId()),
				new Bad("{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": \"x\", \"id\": 6}", RemoteException.INVALID_REQUEST, RequestId.of(6)),
				new Bad("{\"jsonrpc\": \"2.0\", \"result\": 1}", RemoteException.INVALID_REQUEST, null),
				new Bad("{\"jsonrpc\": \"2.0\", \"result\": 1, \"id\": null}", RemoteException.INVALID_REQUEST, null),
				new Bad("{\"jsonrpc\": \"2.0\", \"error\": 5, \"id\": 3}", RemoteException.INVALID_REQUEST, null),
				new Bad("{\"jsonrpc\": \"2.0\", \"error\": {\"code\": 1, \"message\": \"x\"}}", RemoteException.INVALID_REQUEST, null),
				new Bad("{\"jsonrpc\": \"2.0\", \"error\": {\"code\": 1, \"message\": \"x\"}, \"id\": null}", RemoteException.INVALID_REQUEST, null),
				new Bad("{\"jsonrpc\": \"2.0\", \"method\": \"rpc.secinfo\", \"params\": [\"alice\"]}", RemoteException.INVALID_REQUEST, null));
		Codec codec = codec("jrpc:\n");
		Message good = Message.Call.notification("ok", tree(NODES.objectNode().put("n", 1)));
		byte[] goodFrame = codec.encode(good, this.none);
		ByteArrayOutputStream everything = new ByteArrayOutputStream();
		for (Bad frame : bad) {
			byte[] encoded = bytes(frame.text() + "\n");
			Decoded decoded = decodeChecked(codec, concat(encoded, goodFrame));
			assertThat(decoded.invalid).as(frame.text()).hasSize(1);
			InvalidMessageException problem = decoded.invalid.get(0);
			assertThat(problem.code()).as(frame.text()).isEqualTo(frame.code());
			assertThat(problem.replyTo()).as(frame.text()).isEqualTo(frame.replyTo());
			assertThat(problem.getMessage()).as(frame.text()).isNotBlank();
			assertThat(decoded.events).as(frame.text()).containsExactly(problem, good);
			everything.writeBytes(encoded);
		}
		Decoded all = decodeChecked(codec, concat(everything.toByteArray(), goodFrame));
		assertThat(all.invalid).extracting(InvalidMessageException::code)
			.containsExactlyElementsOf(bad.stream().map(Bad::code).toList());
		assertThat(all.messages).containsExactly(good);
	}

	@Test
	void aParseErrorSaysWhatWasExpectedWithoutTheParsersOwnSourceLocation() {
		Decoded decoded = decodeChecked(codec("jrpc"), bytes("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": {\"a\": 1\0"));
		assertThat(decoded.invalid).singleElement()
			.extracting(InvalidMessageException::getMessage)
			.asString()
			.startsWith("invalid JSON (Unexpected end-of-input: expected close marker for Object)")
			.doesNotContain("Source:", "REDACTED", "#UNKNOWN");
	}

	@Test
	void invalidUtf8AndControlCharactersInsideAFrameAreParseErrors() {
		Codec codec = codec("jrpc");
		byte[] invalidUtf8 = concat(bytes("{\"jsonrpc\": \"2.0\", \"method\": \"a"),
				new byte[] { (byte) 0xc3, (byte) 0x28, '"', '}', 0 });
		byte[] newline = bytes("{\"jsonrpc\": \"2.0\", \"method\": \"a\nb\"}\0");
		for (byte[] frame : List.of(invalidUtf8, newline)) {
			Decoded decoded = decodeChecked(codec, frame);
			assertThat(decoded.messages).isEmpty();
			assertThat(decoded.invalid).extracting(InvalidMessageException::code)
				.containsExactly(RemoteException.PARSE_ERROR);
		}
	}

	@Test
	void aFrameThatIsNotValidJsonIsAParseErrorWhateverItStartsWith() {
		Codec codec = codec("jrpc:\n");
		for (String frame : List.of("[1, 2", "\"never closed", "[1, 2] 3", "5 x", "{\"a\": 1")) {
			Decoded decoded = decodeChecked(codec, bytes(frame + "\n"));
			assertThat(decoded.invalid).as(frame).extracting(InvalidMessageException::code)
				.containsExactly(RemoteException.PARSE_ERROR);
		}
	}

	@Test
	void aBadReplyIsReportedWithoutAnIdSoThatItIsNeverAnswered() {
		Codec codec = codec("jrpc:\n");
		List<String> replies = List.of("{\"jsonrpc\": \"2.0\", \"id\": 3, \"result\": [1,}",
				"{\"jsonrpc\": \"2.0\", \"result\": \"hi\", \"id\": 3");
		for (String reply : replies) {
			Decoded decoded = decodeChecked(codec, bytes(reply + "\n"));
			assertThat(decoded.messages).as(reply).isEmpty();
			assertThat(decoded.invalid).as(reply).hasSize(1);
			assertThat(decoded.invalid.get(0).replyTo()).as("%s: a reply is never answered", reply).isNull();
		}
	}

	@Test
	void numbersBeyondTheRangeOfBigDecimalAreReportedNotThrown() {
		Codec codec = codec("jrpc:\n");
		Message good = Message.Call.notification("ok", tree(NODES.objectNode()));
		for (String number : List.of("1e99999999999", "1e-99999999999", "-1e2147483648", "0.5E+9999999999")) {
			String frame = "{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": [" + number + "]}";
			Decoded decoded = decodeChecked(codec, concat(bytes(frame + "\n"), codec.encode(good, this.none)));
			assertThat(decoded.invalid).as(frame).extracting(InvalidMessageException::code)
				.containsExactly(RemoteException.PARSE_ERROR);
			assertThat(decoded.messages).as(frame).containsExactly(good);
		}
	}

	@Test
	void deepNestingAndHugeNumbersAreReportedWithTheIdNotThrown() {
		// long strings are bounded by the transport's maximum frame size, not by the codec
		Codec codec = codec("jrpc:\n");
		Message good = Message.Call.notification("ok", tree(NODES.objectNode()));
		for (String value : List.of("[".repeat(100_000), "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000),
				"9".repeat(100_000))) {
			String frame = "{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"id\": 12, \"params\": [" + value + "]}";
			Decoded decoded = decodeChecked(codec, concat(bytes(frame + "\n"), codec.encode(good, this.none)));
			assertThat(decoded.invalid).as(value.substring(0, 10)).singleElement().satisfies((problem) -> {
				assertThat(problem.replyTo()).isEqualTo(RequestId.of(12));
				assertThat(problem.getMessage()).isNotBlank();
			});
			assertThat(decoded.messages).containsExactly(good);
		}
	}

	@Test
	void aFrameWhoseDelimiterHasNotArrivedIsNeitherDecodedNorReported() {
		for (WireFrame frame : pythonFrames()) {
			Codec codec = codec(frame.codec());
			for (int length = 0; length < frame.bytes().length; length++) {
				Decoded decoded = decodeChecked(codec, Arrays.copyOf(frame.bytes(), length));
				int headerEnd = frame.content().has("secinfo") ? indexOf(frame.bytes(), delimiterOf(frame.codec())[0]) + 1 : 0;
				assertThat(decoded.events).as("%s cut to %d bytes", frame.describe(), length).isEmpty();
				assertThat(decoded.position).as("%s cut to %d bytes: only a whole security header is read", frame.describe(),
						length).isEqualTo((length >= headerEnd) ? headerEnd : 0);
			}
		}
	}

	@Test
	void everyTruncatedFrameIsReportedAsAParseError() {
		for (WireFrame frame : pythonFrames()) {
			if (frame.content().has("secinfo")) {
				continue;
			}
			Codec codec = codec(frame.codec());
			byte[] delimiter = delimiterOf(frame.codec());
			byte[] json = lastFrameWithoutDelimiter(frame);
			RequestId id = frame.kind().equals("request") ? RequestId.of(frame.content().get("id").longValue()) : null;
			for (int length = 1; length < json.length; length++) {
				Decoded decoded = decodeChecked(codec, concat(Arrays.copyOf(json, length), delimiter));
				String described = frame.describe() + " cut to " + length + " bytes";
				assertThat(decoded.messages).as(described).isEmpty();
				assertThat(decoded.invalid).as(described).hasSize(1);
				assertThat(decoded.invalid.get(0).code()).as(described).isEqualTo(RemoteException.PARSE_ERROR);
				if (frame.kind().equals("request")) {
					assertThat(decoded.invalid.get(0).replyTo()).as(described).isIn(RequestId.nullId(), id);
				}
				else if (frame.kind().equals("notification")) {
					assertThat(decoded.invalid.get(0).replyTo()).as(described).isEqualTo(RequestId.nullId());
				}
				// the id reported for a truncated reply: see aBadReplyIsReportedWithoutAnIdSoThatItIsNeverAnswered
			}
		}
	}

	@Test
	void everyMutationOfAValidFrameIsDecodedOrReportedAndTheNextFrameStillDecodes() {
		byte[] replacements = bytes("\0\n\r \"\\{}[],:09-e.x_");
		byte[] more = { 0x7f, (byte) 0x80, (byte) 0xc3, (byte) 0xff, 0x01 };
		byte[] values = concat(replacements, more);
		List<WireFrame> frames = new ArrayList<>(pythonFrames());
		List<Message> messages = sampleMessages();
		for (String expression : List.of("jrpc", "jrpc:\n")) {
			Codec codec = codec(expression);
			for (Message message : List.of(messages.get(4), messages.get(5), messages.get(18))) {
				frames.add(new WireFrame("java " + message, expression, NODES.objectNode(),
						codec.encode(message, this.alice), ""));
			}
		}
		for (WireFrame frame : frames) {
			Codec codec = codec(frame.codec());
			byte[] delimiter = delimiterOf(frame.codec());
			Message good = new Message.Reply(RequestId.of(77), tree(NODES.stringNode("still decoded")));
			byte[] goodFrame = codec.encode(good, this.none);
			byte[] original = frame.bytes();
			for (int i = 0; i < original.length; i++) {
				List<byte[]> mutants = new ArrayList<>();
				for (byte value : values) {
					byte[] replaced = original.clone();
					replaced[i] = value;
					mutants.add(replaced);
					mutants.add(concat(Arrays.copyOf(original, i), concat(new byte[] { value },
							Arrays.copyOfRange(original, i, original.length))));
				}
				mutants.add(concat(Arrays.copyOf(original, i), Arrays.copyOfRange(original, i + 1, original.length)));
				for (byte[] mutant : mutants) {
					Decoded alone = decodeChecked(codec, mutant);
					boolean endsWithDelimiter = endsWith(mutant, delimiter);
					if (endsWithDelimiter && split(mutant, delimiter).size() == 1
							&& (alone.events.size() != 1 || alone.position != mutant.length)) {
						fail("one frame, %s, gave %s and left position %d", printable(mutant), alone.events,
								alone.position);
					}
					if (endsWithDelimiter) {
						Decoded followed = decodeChecked(codec, concat(mutant, goodFrame));
						int last = followed.events.size() - 1;
						if (last < 0 || !good.equals(followed.events.get(last))
								|| !followed.securityInfo.get(followed.securityInfo.size() - 1).isEmpty()) {
							fail("after %s, the next frame gave %s", printable(mutant), followed.events);
						}
					}
				}
			}
		}
	}

	@Test
	void randomBytesNeverEscapeAsAnException() {
		Random random = new Random(20260525);
		byte[] alphabet = bytes(
				"{}[]\":,\\ \t\r0123456789.-+eE truefalsnul __bytes jsonrpc method params id result error");
		for (String expression : List.of("jrpc", "jrpc:\n", "jrpc:\\r\\n")) {
			Codec codec = codec(expression);
			byte[] delimiter = delimiterOf(expression);
			for (int i = 0; i < 3000; i++) {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				int length = random.nextInt(160);
				while (out.size() < length) {
					int pick = random.nextInt(20);
					if (pick < 2) {
						out.writeBytes(delimiter);
					}
					else if (pick < 12) {
						out.write(alphabet[random.nextInt(alphabet.length)]);
					}
					else {
						out.write(random.nextInt(256));
					}
				}
				decodeChecked(codec, out.toByteArray());
			}
		}
	}

	// the factory

	@Test
	void jrpcSeparatesFramesWithNulByDefault() {
		Codec codec = codec("jrpc");
		assertThat(codec).hasToString("jrpc");
		byte[] encoded = codec.encode(Message.Call.notification("quit", tree(NODES.objectNode())), this.none);
		assertThat(encoded[encoded.length - 1]).isZero();
		assertThat(codec("jrpc:")).hasToString("jrpc");
		assertThat(codec("jrpc:\\0")).hasToString("jrpc");
	}

	@Test
	void anEscapedOrARealNewlineBothSeparateFramesWithANewline() {
		assertThat("jrpc:\\n").hasSize(7);
		for (String expression : List.of("jrpc:\\n", "jrpc:\n", "jrpc:\\x0a", "jrpc:\\x0A")) {
			Codec codec = codec(expression);
			assertThat(codec).as(printable(expression)).hasToString("jrpc:\\n");
			byte[] encoded = codec.encode(Message.Call.notification("quit", tree(NODES.objectNode())), this.none);
			assertThat(text(encoded)).as(printable(expression))
				.isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"quit\",\"params\":{}}\n");
			assertThat(decode(codec, bytes("{\"jsonrpc\": \"2.0\", \"method\": \"a\"}\n"
					+ "{\"jsonrpc\": \"2.0\", \"method\": \"b\"}\n")).messages)
				.as(printable(expression))
				.containsExactly(Message.Call.notification("a", tree(NODES.objectNode())),
						Message.Call.notification("b", tree(NODES.objectNode())));
		}
		assertThat(codec("jrpc:\\r\\n")).hasToString("jrpc:\\r\\n");
		assertThat(codec("jrpc:\\t")).hasToString("jrpc:\\t");
		assertThat(codec("jrpc:\\x1e")).hasToString("jrpc:\\x1e");
	}

	@Test
	void aDelimiterThatIsNotMadeOfControlCharactersIsRejected() {
		for (String expression : List.of("jrpc:|", "jrpc: ", "jrpc:\\n|", "jrpc:\\\\", "jrpc:\\x7f", "jrpc:\u00e4")) {
			assertThatExceptionOfType(InvalidExpressionException.class).as(printable(expression))
				.isThrownBy(() -> codec(expression))
				.withMessage("Invalid codec expression '" + expression + "': the delimiter must consist of control "
						+ "characters such as \\0 or \\n, because JSON may contain any other character unescaped.")
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo("codec"))
				.satisfies((ex) -> assertThat(ex.expression()).isEqualTo(expression));
		}
	}

	@Test
	void anUnknownEscapeOrAShortHexEscapeIsRejected() {
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> codec("jrpc:\\q"))
			.withMessage("Invalid codec expression 'jrpc:\\q': unknown escape '\\q' in the delimiter; "
					+ "use \\0, \\n, \\r, \\t, \\\\ or \\xHH.");
		for (String expression : List.of("jrpc:\\x", "jrpc:\\x1", "jrpc:\\xzz")) {
			assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> codec(expression))
				.withMessage("Invalid codec expression '" + expression + "': '\\x' needs two hex digits.");
		}
	}

	// helpers

	private static List<Message> sampleMessages() {
		ObjectNode params = NODES.objectNode();
		params.put("int", 1).put("neg", -7).put("zero", 0).put("long", 1L << 40).put("min", Long.MIN_VALUE)
			.put("max", Long.MAX_VALUE);
		params.set("big", NODES.numberNode(new BigInteger("18446744073709551616")));
		params.set("bigNegative", NODES.numberNode(BigInteger.TWO.pow(70).negate().subtract(BigInteger.ONE)));
		params.set("huge", NODES.numberNode(BigInteger.TEN.pow(60)));
		params.put("float", 1.5).put("tenth", 0.1).put("tiny", -2.5e-300).put("largest", Double.MAX_VALUE)
			.put("smallest", Double.MIN_VALUE).put("whole", 3.0);
		params.set("exact", NODES.numberNode(new BigDecimal("0.1000000000000000000001")));
		params.set("pi", NODES.numberNode(new BigDecimal("3.14159265358979323846264338327950288")));
		params.set("beyondDouble", NODES.numberNode(new BigDecimal("1E+400")));
		params.put("true", true).put("false", false).putNull("null");
		params.put("empty", "").put("quote_nl", "say \"hi\"\nbye\\").put("nul", "before\u0000after")
			.put("controls", "\u0001\u001f\t\r\b\f").put("unicode", "gr\u00fc\u00dfe \u2713")
			.put("astral", "\ud83d\ude00 smile").put("separators", "\u2028\u2029").put("html", "</script>");
		params.put("k\u00e9y \"with\" quotes\n", "v").put("", "empty key");
		params.set("bytes", NODES.binaryNode(new byte[] { 0, 1, 'b', (byte) 0xff }));
		params.set("noBytes", NODES.binaryNode(new byte[0]));
		params.set("list", NODES.arrayNode().add(1).add("two").add(3.5).addNull().add(true)
			.add(NODES.binaryNode(new byte[] { 9 })));
		params.set("nested", NODES.objectNode().set("a", NODES.objectNode().set("b",
				NODES.arrayNode().add(NODES.arrayNode()).add(NODES.objectNode())
					.add(NODES.arrayNode().add(1).add(NODES.arrayNode().add(2).add(NODES.arrayNode().add(3)))))));
		byte[] everyByte = new byte[256];
		for (int i = 0; i < everyByte.length; i++) {
			everyByte[i] = (byte) i;
		}
		ArrayNode positional = NODES.arrayNode().add(1).add("a").add(NODES.objectNode().put("k", "v"))
			.add(NODES.binaryNode(everyByte));
		return List.of(Message.Call.notification("notify", tree(params)), new Message.Call("ping", tree(params), RequestId.of(1)),
				Message.Call.notification("quit", tree(NODES.objectNode())), new Message.Call("positional", tree(positional), RequestId.of(7)),
				new Message.Call("none", tree(NODES.arrayNode()), RequestId.of(Long.MAX_VALUE)),
				new Message.Call("gr\u00fc\u00dfe.\"method\"\n", tree(NODES.objectNode().put("x", 1)), RequestId.of(2)),
				new Message.Call("traced", tree(NODES.objectNode()), RequestId.of(3),
						Map.of("traceparent", TRACEPARENT, "b\u00e4ggage \"x\"", "k=v\n")),
				new Message.Call("traced", tree(NODES.objectNode()), null, Map.of("traceparent", TRACEPARENT)),
				new Message.Reply(RequestId.of(1), tree(NODES.nullNode())), new Message.Reply(RequestId.of(2), tree(NODES.stringNode("hi\u0000\n\""))),
				new Message.Reply(RequestId.of(3), tree(params)), new Message.Reply(RequestId.of(4), tree(positional)),
				new Message.Reply(RequestId.of(5), tree(NODES.binaryNode(everyByte))), new Message.Reply(RequestId.of(6), tree(NODES.binaryNode(new byte[0]))),
				new Message.Reply(RequestId.of(7), tree(NODES.numberNode(new BigInteger("-123456789012345678901234567890")))),
				new Message.Reply(RequestId.of(8), tree(NODES.numberNode(new BigDecimal("0.1000000000000000000001")))),
				new Message.Reply(RequestId.of(9), tree(NODES.booleanNode(false))),
				new Message.Reply(RequestId.of(Long.MAX_VALUE), tree(NODES.numberNode(2.5))),
				new Message.ErrorReply(RequestId.of(10), -32601, "unknown method 'x'", null),
				new Message.ErrorReply(RequestId.of(11), 0, "boom", tree(NODES.stringNode("Traceback (most recent call last):\n  ..."))),
				new Message.ErrorReply(RequestId.of(12), -32000, "say \"hi\"\n\u0000 gr\u00fc\u00dfe",
						tree(NODES.objectNode().put("type", "X").set("bytes", NODES.binaryNode(new byte[] { 1, 2 })))),
				new Message.ErrorReply(RequestId.of(13), Integer.MIN_VALUE, "", tree(NODES.arrayNode().add(1).add(params))),
				new Message.ErrorReply(RequestId.of(14), Integer.MAX_VALUE, "max", tree(NODES.numberNode(0))));
	}

	private void assertSplitsDecodeAsWhole(Codec codec, List<byte[]> units, String description) {
		byte[] stream = new byte[0];
		for (byte[] unit : units) {
			stream = concat(stream, unit);
		}
		// every frame is taken as soon as its delimiter is in, a security header too
		List<Integer> boundaries = new ArrayList<>(List.of(0));
		byte[] delimiter = delimiterOf(codec.toString());
		for (int i = 0; i + delimiter.length <= stream.length; i++) {
			if (Arrays.equals(stream, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
				boundaries.add(i + delimiter.length);
			}
		}
		Decoded whole = decode(codec, stream);
		assertThat(whole.invalid).as(description).isEmpty();
		assertThat(whole.messages).as(description).hasSize(units.size());
		assertThat(whole.position).as(description).isEqualTo(stream.length);
		for (int split = 0; split <= stream.length; split++) {
			String at = description + ", split at " + split;
			Decoded pieces = new Decoded();
			StreamDecoder decoder = new StreamDecoder(codec);
			ByteBuffer first = ByteBuffer.wrap(Arrays.copyOf(stream, split));
			decoder.decode(first, pieces);
			int lastBoundary = split;
			assertThat(first.position()).as(at).isEqualTo(
					boundaries.stream().filter((boundary) -> boundary <= lastBoundary).mapToInt(Integer::intValue).max()
						.orElseThrow());
			byte[] remainder = new byte[first.remaining()];
			first.get(remainder);
			ByteBuffer second = ByteBuffer.wrap(concat(remainder, Arrays.copyOfRange(stream, split, stream.length)));
			decoder.decode(second, pieces);
			assertThat(second.hasRemaining()).as(at).isFalse();
			assertThat(pieces.invalid).as(at).isEmpty();
			assertThat(pieces.messages).as(at).isEqualTo(whole.messages);
			assertThat(pieces.securityInfo).as(at).isEqualTo(whole.securityInfo);
			assertThat(pieces.payloads).as(at).containsExactlyElementsOf(whole.payloads);
		}
	}

	/**
	 * Decodes, checking what must hold for any input: no exception escapes, each report has a
	 * JSON-RPC code, and the remainder holds no complete message.
	 */
	private static Decoded decodeChecked(Codec codec, byte[] bytes) {
		Decoded decoded;
		try {
			decoded = decode(codec, bytes);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("decode threw " + ex + " for " + printable(bytes), ex);
		}
		for (InvalidMessageException problem : decoded.invalid) {
			if (!REPORTED_CODES.contains(problem.code())) {
				fail("reported code %d, reply to %s (%s) for %s", problem.code(), problem.replyTo(), problem.getMessage(),
						printable(bytes));
			}
		}
		if (decoded.position < 0 || decoded.position > bytes.length) {
			fail("position %d outside of %s", decoded.position, printable(bytes));
		}
		Decoded again = decode(codec, Arrays.copyOfRange(bytes, decoded.position, bytes.length));
		if (!again.events.isEmpty() || again.position != 0) {
			fail("the remainder from %d of %s still holds %s", decoded.position, printable(bytes), again.events);
		}
		return decoded;
	}

	private static Decoded decode(Codec codec, byte[] bytes) {
		Decoded decoded = new Decoded();
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		new StreamDecoder(codec).decode(buffer, decoded);
		decoded.position = buffer.position();
		return decoded;
	}

	private static Codec codec(String expression) {
		return Registry.codecs().create(expression);
	}

	private static byte[] delimiterOf(String expression) {
		return switch (expression) {
			case "jrpc" -> new byte[] { 0 };
			case "jrpc:\n", "jrpc:\\n" -> new byte[] { '\n' };
			case "jrpc:\\r\\n" -> new byte[] { '\r', '\n' };
			default -> throw new IllegalArgumentException(expression);
		};
	}

	/** The frames that the Python original wrote with a jrpc codec, read from {@code frames.json}. */
	private static List<WireFrame> pythonFrames() {
		List<WireFrame> frames = new ArrayList<>();
		for (JsonNode entry : PythonFrames.entries("jrpc")) {
			WireFrame frame = new WireFrame(entry.get("name").stringValue(), entry.get("codec").stringValue(),
					entry.get("content"), Base64.getDecoder().decode(entry.get("base64").stringValue()),
					entry.get("text").stringValue());
			assertThat(text(frame.bytes())).as("%s: text and base64 agree", frame.describe()).isEqualTo(frame.text());
			frames.add(frame);
		}
		assertThat(frames).as("jrpc frames of the Python original").isNotEmpty();
		return frames;
	}

	/** The noted content, with {@code {"__bytes": base64}} turned into the binary node the codec decodes it to. */
	private static JsonNode expectedValue(JsonNode content) {
		if (content.isObject() && content.has("__bytes")) {
			return NODES.binaryNode(Base64.getDecoder().decode(content.get("__bytes").stringValue()));
		}
		if (content.isObject()) {
			ObjectNode copy = NODES.objectNode();
			content.properties().forEach((entry) -> copy.set(entry.getKey(), expectedValue(entry.getValue())));
			return copy;
		}
		if (content.isArray()) {
			ArrayNode copy = NODES.arrayNode();
			content.forEach((element) -> copy.add(expectedValue(element)));
			return copy;
		}
		return content;
	}

	private static byte[] lastFrameWithoutDelimiter(WireFrame frame) {
		List<byte[]> frames = split(frame.bytes(), delimiterOf(frame.codec()));
		return frames.get(frames.size() - 1);
	}

	/** The frames of a stream that ends with the delimiter, without their delimiters. */
	private static List<byte[]> split(byte[] stream, byte[] delimiter) {
		List<byte[]> frames = new ArrayList<>();
		int start = 0;
		for (int i = 0; i + delimiter.length <= stream.length; i++) {
			if (Arrays.equals(stream, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
				frames.add(Arrays.copyOfRange(stream, start, i));
				start = i + delimiter.length;
				i = start - 1;
			}
		}
		return frames;
	}

	private static boolean endsWith(byte[] bytes, byte[] suffix) {
		return bytes.length >= suffix.length
				&& Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
	}

	private static int indexOf(byte[] bytes, byte value) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		return -1;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String printable(byte[] bytes) {
		return printable(new String(bytes, StandardCharsets.ISO_8859_1));
	}

	private static String printable(String text) {
		StringBuilder out = new StringBuilder("'");
		for (char c : text.toCharArray()) {
			if (c < 0x20 || c >= 0x7f) {
				out.append("\\x").append(Character.forDigit((c >> 4) & 0xf, 16))
					.append(Character.forDigit(c & 0xf, 16));
			}
			else {
				out.append(c);
			}
		}
		return out.append("'").toString();
	}

	record WireFrame(String name, String codec, JsonNode content, byte[] bytes, String text) {

		String kind() {
			return this.content.path("kind").asString();
		}

		String describe() {
			return this.name + " (" + printable(this.codec) + ")";
		}

	}

	record Bad(String text, int code, @Nullable RequestId replyTo) {
	}

	/** A security provider that signs with the payload's length and first character, and keeps the payload. */
	static final class RecordingSecurity implements Security {

		byte[] signed = new byte[0];

		@Override
		public Map<String, String> sign(byte[] payload, int offset, int length) {
			this.signed = Arrays.copyOfRange(payload, offset, offset + length);
			return Map.of("length", String.valueOf(length), "first", String.valueOf((char) payload[offset]));
		}

		@Override
		public SecurityInfo verify(ByteBuffer payload, Map<String, String> securityInfo) {
			return SecurityInfo.of(securityInfo);
		}

	}

	/** Collects what a codec decodes, in order. */
	static class Decoded extends Trees.Sink {

		final List<Object> events = new ArrayList<>();

		final List<Message> messages = new ArrayList<>();

		final List<Map<String, String>> securityInfo = new ArrayList<>();

		final List<byte[]> payloads = new ArrayList<>();

		final List<InvalidMessageException> invalid = new ArrayList<>();

		int position;

		@Override
		public void message(Message message, Map<String, String> info, ByteBuffer payload) {
			byte[] copy = new byte[payload.remaining()];
			payload.duplicate().get(copy);
			this.events.add(message);
			this.messages.add(message);
			this.securityInfo.add(info);
			this.payloads.add(copy);
		}

		@Override
		public void invalid(InvalidMessageException problem) {
			this.events.add(problem);
			this.invalid.add(problem);
		}

	}

}
