package io.quickrpc.codec;

import static io.quickrpc.codec.Trees.tree;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import io.quickrpc.security.Security;
import io.quickrpc.spi.Registry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes hostile inputs for a codec: frames of every kind it writes itself (and, for jrpc, the
 * Python original's), with bits flipped, bytes inserted, deleted or repeated, frames spliced or
 * cut, tokens replaced by values at their limits (deep nesting, huge numbers, wrong types for
 * {@code id} and {@code params}, bad UTF-8, lone security headers), or plain random bytes.
 */
public final class FrameMutator {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final byte[][] TOKENS = { "[".repeat(5_000).getBytes(StandardCharsets.US_ASCII),
			"{\"a\":".repeat(2_000).getBytes(StandardCharsets.US_ASCII),
			"1e99999999999".getBytes(StandardCharsets.US_ASCII), "9".repeat(5_000).getBytes(StandardCharsets.US_ASCII),
			"-0.0".getBytes(StandardCharsets.US_ASCII), "NaN".getBytes(StandardCharsets.US_ASCII),
			"\"id\":\"1\"".getBytes(StandardCharsets.US_ASCII), "\"id\":1.5".getBytes(StandardCharsets.US_ASCII),
			"\"id\":-1".getBytes(StandardCharsets.US_ASCII), "\"params\":7".getBytes(StandardCharsets.US_ASCII),
			"\"params\":\"x\"".getBytes(StandardCharsets.US_ASCII),
			"{\"jsonrpc\":\"2.0\",\"method\":\"rpc.secinfo\",\"params\":{\"user\":\"x\"}}\0".getBytes(StandardCharsets.US_ASCII),
			"\"method\":\"ping\",\"method\":\"ping\"".getBytes(StandardCharsets.US_ASCII),
			"{\"__bytes\":\"!!\"}".getBytes(StandardCharsets.US_ASCII), "\\ud800".getBytes(StandardCharsets.US_ASCII),
			{ (byte) 0xC0, (byte) 0x80 }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xFF }, { (byte) 0x80 },
			{ (byte) 0xF0, (byte) 0x9F }, { 0 }, { '\n' }, { '"' }, { '\\' }, { ':' }, { '/' }, { '!' } };

	private final List<byte[]> corpus;

	/**
	 * Creates a mutator of what a codec writes.
	 * @param codec the codec
	 * @param pythonFrames whether to add the Python original's jrpc frames
	 */
	public FrameMutator(Codec codec, boolean pythonFrames) {
		this.corpus = corpus(codec, pythonFrames);
	}

	/**
	 * Returns a mutation of a frame of the corpus.
	 * @param random the source of randomness
	 * @return the input
	 */
	public byte[] mutate(SplittableRandom random) {
		List<byte[]> corpus = this.corpus;
		byte[] base = corpus.get(random.nextInt(corpus.size()));
		int mutations = 1 + random.nextInt(4);
		byte[] current = base;
		for (int m = 0; m < mutations; m++) {
			current = switch (random.nextInt(9)) {
				case 0 -> flipBit(random, current);
				case 1 -> insert(random, current, new byte[] { (byte) random.nextInt(256) });
				case 2 -> insert(random, current, TOKENS[random.nextInt(TOKENS.length)]);
				case 3 -> delete(random, current);
				case 4 -> duplicate(random, current);
				case 5 -> splice(random, current, corpus.get(random.nextInt(corpus.size())));
				case 6 -> (current.length > 1) ? Arrays.copyOf(current, random.nextInt(current.length)) : current;
				case 7 -> randomBytes(random);
				default -> replaceToken(random, current);
			};
		}
		return current;
	}

	private static byte[] flipBit(SplittableRandom random, byte[] input) {
		if (input.length == 0) {
			return input;
		}
		byte[] copy = input.clone();
		copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
		return copy;
	}

	private static byte[] insert(SplittableRandom random, byte[] input, byte[] piece) {
		int at = random.nextInt(input.length + 1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(input, 0, at);
		out.writeBytes(piece);
		out.write(input, at, input.length - at);
		return out.toByteArray();
	}

	private static byte[] delete(SplittableRandom random, byte[] input) {
		if (input.length == 0) {
			return input;
		}
		int from = random.nextInt(input.length);
		int to = Math.min(input.length, from + 1 + random.nextInt(16));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(input, 0, from);
		out.write(input, to, input.length - to);
		return out.toByteArray();
	}

	private static byte[] duplicate(SplittableRandom random, byte[] input) {
		if (input.length == 0) {
			return input;
		}
		int from = random.nextInt(input.length);
		int to = Math.min(input.length, from + 1 + random.nextInt(64));
		return insert(random, input, Arrays.copyOfRange(input, from, to));
	}

	private static byte[] splice(SplittableRandom random, byte[] first, byte[] second) {
		int a = random.nextInt(first.length + 1);
		int b = random.nextInt(second.length + 1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(first, 0, a);
		out.write(second, b, second.length - b);
		return out.toByteArray();
	}

	private static byte[] randomBytes(SplittableRandom random) {
		byte[] bytes = new byte[random.nextInt(256)];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) random.nextInt(256);
		}
		return bytes;
	}

	/** Replaces a run of digits or letters with a token at its limits. */
	private static byte[] replaceToken(SplittableRandom random, byte[] input) {
		if (input.length == 0) {
			return input;
		}
		int from = random.nextInt(input.length);
		int to = from;
		while (to < input.length && Character.isLetterOrDigit(input[to])) {
			to++;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(input, 0, from);
		out.writeBytes(TOKENS[random.nextInt(TOKENS.length)]);
		out.write(input, to, input.length - to);
		return out.toByteArray();
	}

	/** Frames of every kind, written by the codec itself and, for jrpc, by the Python original. */
	private static List<byte[]> corpus(Codec codec, boolean pythonFrames) {
		Security none = Registry.securities().create("null");
		Security believer = Registry.securities().create("blindly_believe_everything:fuzz");
		List<byte[]> corpus = new ArrayList<>();
		ObjectNode params = NODES.objectNode();
		params.put("text", "grüße \"quoted\"\n\\ ✓").put("n", -7).put("big", 12345678901234L).put("f", 1.5)
			.put("yes", true).putNull("nothing");
		params.putArray("list").add(1).add("two").addArray().add(3.0);
		params.putObject("nested").putObject("deeper").put("bytes", new byte[] { 0, 1, (byte) 0xFF });
		List<Message> messages = List.of(new Message.Call("ping", tree(params), RequestId.of(7)), Message.Call.notification("say", tree(params)),
				new Message.Call("list", tree(NODES.arrayNode().add(1).add("x")), RequestId.of(8)), new Message.Reply(RequestId.of(7), tree(params)),
				new Message.Reply(RequestId.of(9), tree(NODES.stringNode("hi"))),
				new Message.ErrorReply(RequestId.of(7), -32000, "it broke", tree(NODES.objectNode().put("type", "java.lang.Exception"))),
				new Message.ErrorReply(RequestId.of(10), 0, "bare", null));
		for (Message message : messages) {
			corpus.add(codec.encode(message, none));
			corpus.add(codec.encode(message, believer));
		}
		if (pythonFrames) {
			corpus.addAll(pythonFrames());
		}
		return corpus;
	}

	static List<byte[]> pythonFrames() {
		List<byte[]> frames = new ArrayList<>();
		for (JsonNode frame : PythonFrames.entries("jrpc")) {
			frames.add(Base64.getDecoder().decode(frame.get("base64").stringValue()));
		}
		return frames;
	}

}
