package io.quickrpc.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.InputStreamSource;
import org.springframework.javapoet.ClassName;

import io.quickrpc.IncomingHandler;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.EnableQuickRpc;
import io.quickrpc.spring.QuickRpcAutoConfiguration;
import io.quickrpc.spring.RpcExceptionHandler;

/**
 * Processes an application ahead of time, as {@code spring-boot:process-aot} does, then runs the
 * generated initializer, as {@code -Dspring.aot.enabled=true} does: the endpoint and proxy bean
 * definitions must be written out as code, and the processed context must serve calls.
 */
class QuickRpcAotTests {

	private final String bus = "aot-" + UUID.randomUUID();

	@Test
	void runtimeHintsCoverTheApiProxyItsTypesAndTheHandlers() {
		RuntimeHints hints = processAheadOfTime(new InMemoryGeneratedFiles()).getRuntimeHints();

		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(OrderApi.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(OrderApi.class, "place")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(OrderApi.Order.class)).as("a parameter type")
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(OrderApi.Receipt.class))
			.as("a result type, and an element type of a parameter").accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(OrderHandler.class, "place")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(OrderHandler.class, "refused"))
			.as("an exception handler").accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(OrderApi.NotCancellable.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).as("a declared exception").accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/services/io.quickrpc.transport.TransportFactory"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("io.quickrpc.transport.network.TcpTransportFactory"))
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(hints);
	}

	@Test
	void theProcessedApplicationServesCallsAsTheRegularOneDoes(@TempDir Path directory) throws Exception {
		Path classes = Files.createDirectory(directory.resolve("classes"));
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		ClassName initializer = ClassName.get(OrderApi.class.getPackageName(), "OrderApp__ApplicationContextInitializer");
		processAheadOfTime(files);
		compile(files.getGeneratedFiles(Kind.SOURCE), Files.createDirectory(directory.resolve("sources")), classes);

		try (GenericApplicationContext context = new GenericApplicationContext()) {
			properties().applyTo(context);
			initializer(classes, initializer.reflectionName()).initialize(context);
			context.refresh();

			assertThat(context.getBean(OrderApi.class)).as("the primary proxy bean, of the endpoint named as the API")
				.isSameAs(context.getBean("quickrpc.orders"));
			try (RpcEndpoint<OrderApi> customer = RpcEndpoint.builder(OrderApi.class)
				.inverted(true)
				.transport("internal:" + this.bus + ":customer")
				.build()
				.start()) {
				await().until(() -> customer.peers().contains("shop"));
				assertThat(customer.api().place(new OrderApi.Order("tea", 3)))
					.isEqualTo(new OrderApi.Receipt("tea", new BigDecimal("7.50")));
			}
		}
	}

	private TestPropertyValues properties() {
		return TestPropertyValues.of("quickrpc.apis.orders.transport=internal:" + this.bus + ":shop",
				"quickrpc.apis.ordersAgain.api=" + OrderApi.class.getName(),
				"quickrpc.apis.ordersAgain.transport=internal:" + this.bus + "-again:shop");
	}

	private DefaultGenerationContext processAheadOfTime(InMemoryGeneratedFiles files) {
		GenericApplicationContext context = new GenericApplicationContext();
		properties().applyTo(context);
		new AnnotatedBeanDefinitionReader(context).register(OrderApp.class);
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(OrderApi.class.getPackageName(), "OrderApp")), files);
		new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		generation.writeGeneratedContent();
		return generation;
	}

	private static void compile(Map<String, InputStreamSource> sources, Path sourceDirectory, Path output)
			throws IOException {
		List<Path> paths = new ArrayList<>();
		for (Map.Entry<String, InputStreamSource> source : sources.entrySet()) {
			Path path = sourceDirectory.resolve(source.getKey());
			Files.createDirectories(path.getParent());
			try (InputStream in = source.getValue().getInputStream()) {
				Files.copy(in, path);
			}
			paths.add(path);
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
			String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			boolean compiled = compiler.getTask(null, fileManager, null,
					List.of("-d", output.toString(), "-classpath", classPath, "-proc:none", "-parameters"), null,
					fileManager.getJavaFileObjectsFromPaths(paths))
				.call();
			assertThat(compiled).as("the generated sources compile").isTrue();
		}
	}

	/**
	 * Defines the compiled classes in the packages of the classes they were generated for, as
	 * the processed application has them, and returns the initializer.
	 */
	@SuppressWarnings("unchecked")
	private static ApplicationContextInitializer<GenericApplicationContext> initializer(Path classes, String name)
			throws Exception {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(classes)) {
			files = walk.filter((path) -> path.toString().endsWith(".class")).toList();
		}
		for (Path file : files) {
			String className = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
			MethodHandles.privateLookupIn(anchor(className), MethodHandles.lookup()).defineClass(Files.readAllBytes(file));
		}
		return (ApplicationContextInitializer<GenericApplicationContext>) Class.forName(name)
			.getDeclaredConstructor()
			.newInstance();
	}

	/** A class in the package of a generated class: the class it was generated for, if there is one. */
	private static Class<?> anchor(String generated) {
		try {
			return Class.forName(generated.substring(0, generated.indexOf("__")));
		}
		catch (ClassNotFoundException ex) {
			assertThat(generated).startsWith(QuickRpcAotTests.class.getPackageName() + ".");
			return QuickRpcAotTests.class;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(QuickRpcAutoConfiguration.class)
	@EnableQuickRpc(basePackageClasses = OrderApi.class)
	static class OrderApp {

		@Bean
		OrderHandler orderHandler() {
			return new OrderHandler();
		}

	}

	static class OrderHandler {

		@IncomingHandler
		OrderApi.Receipt place(OrderApi.Order order) {
			return new OrderApi.Receipt(order.item(), new BigDecimal("2.50").multiply(BigDecimal.valueOf(order.quantity())));
		}

		@RpcExceptionHandler(code = 1001)
		void refused(IllegalStateException ex) {
		}

	}

}
