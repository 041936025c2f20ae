package io.quickrpc.spring.readme.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.quickrpc.RemoteException;
import io.quickrpc.spring.EnableQuickRpc;
import io.quickrpc.spring.QuickRpcAutoConfiguration;

/**
 * Runs the example of the README's "Errors" section over TCP: advice and a built-in mapping on
 * the server, a typed exception and error replies on the client.
 */
class ReadmeErrorsExampleTests {

	private final ApplicationContextRunner server = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class))
		.withUserConfiguration(Apis.class, TransferService.class, TransferAdvice.class)
		.withPropertyValues("quickrpc.apis.transfers.transport=tcpserv:127.0.0.1:0");

	@Test
	void clientSeesTheTypedExceptionAndTheMappedErrorsOfTheServer() {
		this.server.run((server) -> client(server).withUserConfiguration(TransferClient.class).run((client) -> {
			TransferClient payments = client.getBean(TransferClient.class);
			assertThat(payments.pay("alice", 50_00)).isEqualTo("left: 5000");
			assertThat(payments.pay("alice", 500_00)).isEqualTo("declined: alice has 100.00");
			assertThat(payments.pay("frozen", 1)).isEqualTo("error 1002: account frozen is frozen {account=frozen}");
			assertThat(payments.pay("alice", 0)).isEqualTo(
					"error -32602: cents must be positive, not 0 {type=java.lang.IllegalArgumentException}");
		}));
	}

	@Test
	void errorDecoderBeanOfTheApiTurnsAnErrorReplyIntoTheApplicationsException() {
		this.server.run((server) -> client(server).withUserConfiguration(TransferErrors.class)
			.run((client) -> assertThatExceptionOfType(AccountFrozenException.class)
				.isThrownBy(() -> client.getBean(TransferApi.class).transfer("frozen", "shop", 1))
				.withMessage("account frozen is frozen")
				.withCauseInstanceOf(RemoteException.class)));
	}

	/** The client's context, connecting over TCP to the server's bound port. */
	private static ApplicationContextRunner client(ApplicationContext server) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class))
			.withUserConfiguration(Apis.class)
			.withPropertyValues("quickrpc.apis.transfers.invert=true", "quickrpc.apis.transfers.transport=tcp:127.0.0.1:"
					+ server.getEnvironment().getProperty("local.quickrpc.transfers.port"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableQuickRpc(basePackageClasses = TransferApi.class)
	static class Apis {

	}

}
