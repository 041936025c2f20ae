package io.quickrpc.spring.readme.tracing;

import java.util.Map;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.security.HmacKeys;
import io.quickrpc.security.HmacSecurity;

/** A client of the orders API that signs its calls as the given user. */
public final class OrderClient {

	private OrderClient() {
	}

	public static String placeAs(String user, byte[] userKey, byte[] serverKey, int port) {
		try (RpcEndpoint<OrderApi> client = RpcEndpoint.builder(OrderApi.class)
			.inverted(true)
			.transport("tcp:127.0.0.1:" + port)
			.security(HmacSecurity.builder().user(user).keys(HmacKeys.of(Map.of(user, userKey, "server", serverKey))).build())
			.build()
			.start()) {
			return client.api().place("two apples");
		}
	}

}
