package io.quickrpc.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Switches the quickrpc endpoints of a test's application context to an in-process transport:
 * each chosen endpoint joins a bus of its own, private to this application context, whatever
 * {@code quickrpc.apis.NAME.transport} says, so the test opens no socket and parallel test
 * contexts never meet. Inject {@link QuickRpcTestClients} to call the application's handlers
 * from the other side, and to receive what the application sends.
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureQuickRpcInProcess
 * class EchoTests {
 *     @Autowired QuickRpcTestClients clients;
 *
 *     @Test
 *     void pingRepliesWithItsText() {
 *         assertThat(clients.client(EchoApi.class).ping("hi")).isEqualTo("hi");
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(QuickRpcInProcessAutoConfiguration.class)
@PropertyMapping("quickrpc.test.in-process")
public @interface AutoConfigureQuickRpcInProcess {

	/**
	 * Names of the endpoints to switch (the {@code quickrpc.apis} keys, by default the
	 * {@code @RemoteApi} names); the others keep their transports. Empty, the default, switches
	 * every endpoint.
	 * @return the endpoint names
	 */
	String[] apis() default {};

}
