package io.quickrpc.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;

/**
 * How {@link WebTransport} cuts what the endpoint sends into WebSocket messages: with the codec's
 * framer, one message per frame, without its delimiter, so that a security header and its payload
 * are two messages.
 */
class WebTransportFramesTests {

	@Test
	void aJsonRpcHeaderAndItsPayloadAreTwoMessages() {
		byte[] sent = bytes("{\"rpc.secinfo\":{\"user\":\"alice\"}}\0{\"jsonrpc\":\"2.0\",\"method\":\"say\"}\0");
		assertThat(texts(WebTransport.frames(Registry.codecs().create("jrpc").framer(), sent)))
			.containsExactly("{\"rpc.secinfo\":{\"user\":\"alice\"}}", "{\"jsonrpc\":\"2.0\",\"method\":\"say\"}");
	}

	@Test
	void anotherDelimiterIsTheCodecsToo() {
		byte[] sent = bytes("{\"a\":\"b\\u0000c\"}\n{\"d\":1}\n");
		assertThat(texts(WebTransport.frames(Registry.codecs().create("jrpc:\n").framer(), sent)))
			.containsExactly("{\"a\":\"b\\u0000c\"}", "{\"d\":1}");
	}

	@Test
	void terseLinesAreMessagesWithoutTheirLineEnd() {
		byte[] sent = bytes("echo text:\"one\"\necho text:\"two\"\n");
		assertThat(texts(WebTransport.frames(Registry.codecs().create("terse").framer(), sent)))
			.containsExactly("echo text:\"one\"", "echo text:\"two\"");
	}

	@Test
	void whatNoDelimiterEndsIsSentAsItIs() {
		assertThat(texts(WebTransport.frames(Registry.codecs().create("jrpc").framer(), bytes("{\"a\":1}\0{\"b\""))))
			.containsExactly("{\"a\":1}", "{\"b\"");
		assertThat(texts(WebTransport.frames(null, bytes("{\"a\":1}\0")))).containsExactly("{\"a\":1}\0");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static List<String> texts(List<byte[]> frames) {
		return frames.stream().map((frame) -> new String(frame, StandardCharsets.UTF_8)).toList();
	}

}
