package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.quickrpc.IncomingHandler;
import io.quickrpc.spring.unscanned.ShopApi;

/**
 * Mistakes that fail the startup, each with a failure analysis that names the API, the bean and
 * the property, and says what to do.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuickRpcStartupChecksTests {

	private final String bus = "bus-" + UUID.randomUUID();

	private final ConfigurableListableBeanFactory[] beanFactory = new ConfigurableListableBeanFactory[1];

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer((context) -> this.beanFactory[0] = context.getBeanFactory())
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class))
		.withUserConfiguration(QuickRpcAutoConfigurationTests.Apis.class)
		.withPropertyValues("quickrpc.apis.greeting.transport=internal:" + this.bus + ":greeting",
				"quickrpc.apis.counterApi.transport=internal:" + this.bus + ":counter");

	@Test
	void twoHandlersThatReplyToOneMethodFailTheStartup() {
		this.runner.withUserConfiguration(QuickRpcAutoConfigurationTests.GreetingHandler.class, SecondGreeter.class)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).isEqualTo("API 'greeting' (io.quickrpc.spring.apis.GreetingApi) "
						+ "has 2 @IncomingHandler methods that return a reply to 'greet': @IncomingHandler "
						+ "GreetingHandler.greet of bean 'quickRpcAutoConfigurationTests.GreetingHandler', "
						+ "@IncomingHandler SecondGreeter.greet of bean 'quickRpcStartupChecksTests.SecondGreeter'; a call has one reply, so every call of 'greet' would fail with error -32603");
				assertThat(analysis.getAction()).isEqualTo("Keep one @IncomingHandler method that returns the reply "
						+ "to 'greet' of API 'greeting': make the others return void, or give them "
						+ "@IncomingHandler(api = ...) of another API.");
			});
	}

	@Test
	void aHandlerThatOnlyListensMayJoinTheOneThatReplies() {
		this.runner.withUserConfiguration(QuickRpcAutoConfigurationTests.GreetingHandler.class, GreetingListener.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aHandlerParameterOfTheWrongTypeFailsTheStartup() {
		this.runner.withUserConfiguration(WrongType.class).run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("@IncomingHandler WrongType.greet of bean "
					+ "'quickRpcStartupChecksTests.WrongType' cannot be connected to API 'greeting' "
					+ "(io.quickrpc.spring.apis.GreetingApi): parameter 'name' is a Integer, but GreetingApi.greet "
					+ "declares it as String.");
			assertThat(analysis.getAction()).isEqualTo("Change the parameters of WrongType.greet to fit "
					+ "GreetingApi.greet: name each after one of its parameters, with a type that can hold that "
					+ "parameter's values, or make it a @Peer String, a SecurityInfo, or a @SecInfo Map<String, "
					+ "String>; and compile with -parameters.");
		});
	}

	@Test
	void aConfiguredApiThatDoesNotExistFailsTheStartup() {
		this.runner.withPropertyValues("quickrpc.apis.shop.transport=tcpserv::0").run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("quickrpc.apis.shop is configured, but there is no "
					+ "remote API named 'shop': no @RemoteApi interface of that name is in the packages searched "
					+ "[io.quickrpc.spring.apis] and quickrpc.apis.shop.api is not set; known APIs: [counterApi, "
					+ "greeting]");
			assertThat(analysis.getAction()).isEqualTo("Rename quickrpc.apis.shop to one of the known APIs "
					+ "[counterApi, greeting]; or, if 'shop' is the @RemoteApi name of an interface in another "
					+ "package, add that package with @EnableQuickRpc(basePackageClasses = ...); or set "
					+ "quickrpc.apis.shop.api to the interface's fully qualified name.");
		});
	}

	@Test
	void anInjectedRemoteApiOutsideTheSearchedPackagesFailsTheStartupSayingHowToAddIt() {
		this.runner.withUserConfiguration(ShopClient.class).run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("Bean 'shopClient' needs "
					+ "io.quickrpc.spring.unscanned.ShopApi, the @RemoteApi interface of API 'shop', but quickrpc did "
					+ "not find it: it searches the packages [io.quickrpc.spring.apis] for @RemoteApi interfaces, and "
					+ "io.quickrpc.spring.unscanned is not among them.");
			assertThat(analysis.getAction()).isEqualTo("Add @EnableQuickRpc(basePackageClasses = ShopApi.class) to "
					+ "a @Configuration class, so that quickrpc registers an endpoint and a proxy for it, and set "
					+ "quickrpc.apis.shop.transport.");
		});
	}

	@Test
	void springBootReportsTheAnalysisOfAnUnsearchedRemoteApiRatherThanItsOwn(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(ShopApplication.class)
			.web(WebApplicationType.NONE)
			.properties("quickrpc.apis.greeting.transport=internal:" + this.bus + ":greeting",
					"quickrpc.apis.counterApi.transport=internal:" + this.bus + ":counter")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Bean 'shopClient' needs io.quickrpc.spring.unscanned.ShopApi, the @RemoteApi interface of API "
					+ "'shop'")
			.contains("Add @EnableQuickRpc(basePackageClasses = ShopApi.class) to a @Configuration class");
	}

	@Test
	void anUnknownShorthandFailsTheStartupNamingTheProperty() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.transport=restart:1:(tpc:localhost:1)")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).startsWith("quickrpc API 'greeting' "
						+ "(io.quickrpc.spring.apis.GreetingApi) has an invalid transport in "
						+ "quickrpc.apis.greeting.transport: Unknown transport 'tpc' in expression 'tpc:localhost:1'.");
				assertThat(analysis.getAction()).isEqualTo("Correct quickrpc.apis.greeting.transport "
						+ "('restart:1:(tpc:localhost:1)'). Known transport shorthands: internal, mux, nats, process, "
						+ "restart, stdio, tcp, tcpserv, udp, web.");
			});
	}

	@Test
	void aMissingTransportFailsTheStartupNamingTheProperty() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class))
			.withUserConfiguration(QuickRpcAutoConfigurationTests.Apis.class)
			.withPropertyValues("quickrpc.apis.greeting.transport=internal:" + this.bus + ":greeting")
			.run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("No transport is configured for remote API 'counterApi' "
					+ "(io.quickrpc.spring.apis.CounterApi); set quickrpc.apis.counterApi.transport");
			assertThat(analysis.getAction()).isEqualTo("Set quickrpc.apis.counterApi.transport, for example to "
					+ "'tcpserv::8888' (a server) or 'tcp:localhost:8888' (a client), or define a Transport bean "
					+ "qualified 'counterApi'.");
		});
	}

	private FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).as("the startup failure").isNotNull();
		FailureAnalysis analysis = new QuickRpcFailureAnalyzer(this.beanFactory[0]).analyze(failure);
		assertThat(analysis).as("the analysis of %s", failure).isNotNull();
		return analysis;
	}

	static class SecondGreeter {

		@IncomingHandler
		String greet(String name) {
			return "hi " + name;
		}

	}

	static class GreetingListener {

		@IncomingHandler
		void greet(String name) {
		}

	}

	static class WrongType {

		@IncomingHandler
		String greet(Integer name) {
			return String.valueOf(name);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ShopClient {

		@Bean
		Object shopClient(ShopApi shop) {
			return shop;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(QuickRpcAutoConfiguration.class)
	@Import({ QuickRpcAutoConfigurationTests.Apis.class, ShopClient.class })
	static class ShopApplication {

	}

}
