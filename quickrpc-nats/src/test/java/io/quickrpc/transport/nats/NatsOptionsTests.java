package io.quickrpc.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Options;
import io.quickrpc.spi.ApiName;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;

/**
 * The servers of {@link NatsOptions}, which an expression naming none ({@code nats:},
 * {@code nats::NAMESPACE}) connects to.
 */
class NatsOptionsTests {

	private static final ConnectionListener LISTENER = (connection, event) -> {
	};

	private static final ErrorListener ERRORS = new ErrorListener() {
	};

	@Test
	void anExpressionWithoutServersConnectsToTheServersOfTheOptions() {
		NatsOptions options = NatsOptions.builder().servers(List.of("nats://10.0.0.1:4222")).build();

		assertThat(servers(options, List.of())).containsExactly("nats://10.0.0.1:4222");
	}

	@Test
	void theServersOfAnExpressionReplaceThoseOfTheOptions() {
		NatsOptions options = NatsOptions.builder().servers(List.of("nats://10.0.0.1:4222")).build();

		assertThat(servers(options, List.of("nats://10.0.0.2:4222"))).containsExactly("nats://10.0.0.2:4222");
	}

	@Test
	void toStringMasksAUserAndPasswordInAServerUrl() {
		NatsOptions options = NatsOptions.builder().servers(List.of("nats://alice:s3cret@10.0.0.1:4222")).build();

		assertThat(options.toString()).contains("servers=[nats://***@10.0.0.1:4222]").doesNotContain("s3cret");
	}

	@Test
	void serversCannotAccompanyAConnectionOfTheApplication() {
		NatsOptions.Builder builder = NatsOptions.builder().servers(List.of("nats://10.0.0.1:4222"));

		assertThatIllegalStateException().isThrownBy(() -> builder.connection(new FakeConnection().proxy()).build())
			.withMessageContaining("remove servers");
	}

	@Test
	void nothingButNatsTakesTheServersOfTheOptionsAndTheApiName() {
		NatsOptions options = NatsOptions.builder().servers(List.of("nats://10.0.0.1:4222")).build();
		Transport transport = Registry.transports()
			.with(NatsOptions.class, options)
			.with(ApiName.class, new ApiName("orders"))
			.create("nats:");

		assertThat(transport).hasToString("nats::orders");
	}

	private static List<String> servers(NatsOptions options, List<String> expression) {
		Options built = options.toNatsOptions(expression, "test", LISTENER, ERRORS);
		return built.getServers().stream().map(Object::toString).toList();
	}

	/** A connection that is never used, only handed over. */
	private static final class FakeConnection {

		io.nats.client.Connection proxy() {
			return (io.nats.client.Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { io.nats.client.Connection.class }, (proxy, method, args) -> null);
		}

	}

}
