package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A quickrpc endpoint answers any JSON-RPC 2.0 client as the specification says: every example of
 * its section 7 is replayed literally over TCP, by a client that is not quickrpc, and the replies
 * are compared by JSON value. Error messages are quickrpc's own, more precise than the
 * specification's samples ("Method not found"), so only their presence is compared.
 */
class JsonRpcSpecificationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The sentinel request sent after a frame that must not be answered: its reply must come next. */
	private static final String SENTINEL = "{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [2, 1], "
			+ "\"id\": \"sentinel\"}";

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	private int port;

	/** The methods the specification's examples call. */
	@RemoteApi("spec")
	interface SpecificationExamples {

		@Incoming(allowPositionalArgs = true)
		int subtract(int minuend, int subtrahend);

		@Incoming(allowPositionalArgs = true)
		void update(int a, int b, int c, int d, int e);

		@Incoming(allowPositionalArgs = true)
		int sum(int a, int b, int c);

		@Incoming(allowPositionalArgs = true)
		void notify_hello(int value);

		@Incoming(allowPositionalArgs = true)
		void notify_sum(int a, int b, int c);

		@Incoming
		List<Object> get_data();

	}

	static final class Handlers {

		@IncomingHandler
		int subtract(int minuend, int subtrahend) {
			return minuend - subtrahend;
		}

		@IncomingHandler
		void update(int a, int b, int c, int d, int e) {
		}

		@IncomingHandler
		int sum(int a, int b, int c) {
			return a + b + c;
		}

		@IncomingHandler
		void notify_hello(int value) {
		}

		@IncomingHandler
		void notify_sum(int a, int b, int c) {
		}

		@IncomingHandler
		List<Object> get_data() {
			return List.of("hello", 5);
		}

	}

	@BeforeEach
	void startServer() {
		RpcEndpoint<SpecificationExamples> server = this.endpoints
			.start(RpcEndpoint.builder(SpecificationExamples.class).transport("tcpserv:127.0.0.1:0"));
		server.connect(new Handlers());
		this.port = Endpoints.port(server);
	}

	@Test
	void everyExampleOfTheSpecificationGetsTheReplyItShows() throws IOException {
		List<Example> examples = List.of(
				// rpc call with positional parameters
				new Example("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42, 23], \"id\": 1}",
						"{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 1}"),
				new Example("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [23, 42], \"id\": 2}",
						"{\"jsonrpc\": \"2.0\", \"result\": -19, \"id\": 2}"),
				// rpc call with named parameters
				new Example("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"subtrahend\": 23, "
						+ "\"minuend\": 42}, \"id\": 3}", "{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 3}"),
				new Example("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"minuend\": 42, "
						+ "\"subtrahend\": 23}, \"id\": 4}", "{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 4}"),
				// a notification
				new Example("{\"jsonrpc\": \"2.0\", \"method\": \"update\", \"params\": [1,2,3,4,5]}", null),
				new Example("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\"}", null),
				// rpc call of non-existent method
				new Example("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\", \"id\": \"1\"}",
						"{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32601, \"message\": \"Method not found\"}, "
								+ "\"id\": \"1\"}"),
				// rpc call with invalid JSON
				new Example("{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]",
						"{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32700, \"message\": \"Parse error\"}, \"id\": null}"),
				// rpc call with invalid Request object
				new Example("{\"jsonrpc\": \"2.0\", \"method\": 1, \"params\": \"bar\"}",
						"{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, "
								+ "\"id\": null}"),
				// rpc call Batch, invalid JSON
				new Example("""
						[
						  {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
						  {"jsonrpc": "2.0", "method"
						]""",
						"{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32700, \"message\": \"Parse error\"}, \"id\": null}"),
				// rpc call with an empty Array
				new Example("[]", "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, "
						+ "\"id\": null}"),
				// rpc call with an invalid Batch (but not empty)
				new Example("[1]", """
						[
						  {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}
						]"""),
				// rpc call with invalid Batch
				new Example("[1,2,3]", """
						[
						  {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
						  {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
						  {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}
						]"""),
				// rpc call Batch
				new Example("""
						[
						        {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
						        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},
						        {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},
						        {"foo": "boo"},
						        {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
						        {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
						    ]""", """
						[
						        {"jsonrpc": "2.0", "result": 7, "id": "1"},
						        {"jsonrpc": "2.0", "result": 19, "id": "2"},
						        {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
						        {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "5"},
						        {"jsonrpc": "2.0", "result": ["hello", 5], "id": "9"}
						    ]"""),
				// rpc call Batch (all notifications)
				new Example("""
						[
						        {"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]},
						        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}
						    ]""", null));
		try (FrameSocket client = new FrameSocket(this.port, '\0')) {
			for (Example example : examples) {
				client.send(example.request());
				if (example.reply() == null) {
					client.send(SENTINEL);
					assertThat(json(client.receive())).as("%s: nothing is returned", example.request())
						.isEqualTo(json("{\"jsonrpc\": \"2.0\", \"result\": 1, \"id\": \"sentinel\"}"));
				}
				else {
					assertSameReply(example, client.receive());
				}
			}
		}
	}

	@Test
	void idsComeBackExactlyAsSent() throws IOException {
		List<String> ids = List.of("\"abc\"", "\"\"", "\"7\"", "\"\\u00fc\\\"\"", "0", "-0", "-1", "1.5", "1.50",
				"2e3", "-1.25E-7", "9223372036854775807", "9223372036854775808", "18446744073709551616",
				"123456789012345678901234567890.5", "null");
		try (FrameSocket client = new FrameSocket(this.port, '\0')) {
			for (String id : ids) {
				client.send("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [5, 3], \"id\": " + id + "}");
				String reply = client.receive();
				assertThat(json(reply)).as("id %s", id).isEqualTo(json("{\"jsonrpc\": \"2.0\", \"result\": 2, \"id\": " + id + "}"));
				client.send("{\"jsonrpc\": \"2.0\", \"method\": \"nosuch\", \"id\": " + id + "}");
				String error = client.receive();
				assertThat(json(error).get("id")).as("id %s", id).isEqualTo(json(id));
				if (!id.startsWith("\"")) {
					// a number comes back digit for digit, as written, whatever Java could hold
					assertThat(reply).as("id %s", id).startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",");
					assertThat(error).as("id %s", id).startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",");
				}
			}
		}
	}

	@Test
	void aCallWithoutVersionTwoIsAnInvalidRequestAnsweredWithItsId() throws IOException {
		try (FrameSocket client = new FrameSocket(this.port, '\0')) {
			for (String version : List.of("", "\"jsonrpc\": \"1.0\", ", "\"jsonrpc\": 2.0, ", "\"jsonrpc\": null, ")) {
				client.send("{" + version + "\"method\": \"subtract\", \"params\": [5, 3], \"id\": 12}");
				JsonNode reply = json(client.receive());
				assertThat(reply.path("error").path("code").asInt()).as(version).isEqualTo(-32600);
				assertThat(reply.path("error").path("message").asString()).as(version).contains("jsonrpc");
				assertThat(reply.get("id")).as(version).isEqualTo(json("12"));
			}
		}
	}

	@Test
	void aBatchIsAnsweredInOneFrameWhateverOrderItsHandlersFinishIn() throws IOException {
		StringBuilder batch = new StringBuilder("[");
		List<JsonNode> expected = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			batch.append((i > 0) ? "," : "").append("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [")
				.append(i).append(", 1], \"id\": ").append(i).append("}");
			expected.add(json("{\"jsonrpc\": \"2.0\", \"result\": " + (i - 1) + ", \"id\": " + i + "}"));
		}
		try (FrameSocket client = new FrameSocket(this.port, '\0')) {
			client.send(batch.append("]").toString());
			JsonNode reply = json(client.receive());
			assertThat(reply.isArray()).isTrue();
			assertThat(reply.valueStream().toList()).containsExactlyInAnyOrderElementsOf(expected);
		}
	}

	private static void assertSameReply(Example example, String actual) {
		JsonNode expected = json(example.reply());
		JsonNode reply = json(actual);
		assertThat(reply.isArray()).as("%s answered %s", example.request(), actual).isEqualTo(expected.isArray());
		if (expected.isArray()) {
			// "The Response objects being returned from a batch call MAY be returned in any order"
			assertThat(reply.valueStream().map(JsonRpcSpecificationTests::withoutErrorMessage).toList())
				.as("%s answered %s", example.request(), actual)
				.containsExactlyInAnyOrderElementsOf(expected.valueStream()
					.map(JsonRpcSpecificationTests::withoutErrorMessage)
					.toList());
		}
		else {
			assertThat(withoutErrorMessage(reply)).as("%s answered %s", example.request(), actual)
				.isEqualTo(withoutErrorMessage(expected));
		}
	}

	/** The reply with its error message checked and taken out: quickrpc's messages say more than the samples. */
	private static JsonNode withoutErrorMessage(JsonNode reply) {
		JsonNode copy = reply.deepCopy();
		if (copy.get("error") instanceof ObjectNode error) {
			assertThat(error.path("message").isString()).as("%s has an error message", reply).isTrue();
			assertThat(error.path("message").stringValue()).as("%s has an error message", reply).isNotBlank();
			error.remove("message");
			error.remove("data");
		}
		return copy;
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	/** A request as the specification shows it, and its reply, or {@code null} where nothing is returned. */
	record Example(String request, @Nullable String reply) {
	}

}
