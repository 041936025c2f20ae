package io.quickrpc.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration that serves the browser client, the JavaScript module
 * {@value #PATH}, from the application's web server, on Spring MVC or Spring WebFlux. Off with
 * {@code quickrpc.web.client-script.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "quickrpc.web.client-script.enabled", matchIfMissing = true)
public final class QuickRpcClientScriptAutoConfiguration {

	/** Where the browser loads the client from. */
	public static final String PATH = "/quickrpc/quickrpc.js";

	/** The URL pattern of the client's files. */
	static final String PATTERN = "/quickrpc/**";

	/**
	 * The class path folder of the client's files, and of nothing else: everything in it is
	 * public.
	 */
	static final String LOCATION = "classpath:/META-INF/quickrpc/client/";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(WebMvcConfigurer.class)
	static class Servlet {

		@Bean
		WebMvcConfigurer quickRpcClientScriptMvcConfigurer() {
			return new WebMvcConfigurer() {

				@Override
				public void addResourceHandlers(ResourceHandlerRegistry registry) {
					registry.addResourceHandler(PATTERN).addResourceLocations(LOCATION).setCacheControl(CacheControl.noCache()); // browsers revalidate their copy
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebFluxConfigurer.class)
	static class Reactive {

		@Bean
		WebFluxConfigurer quickRpcClientScriptWebFluxConfigurer() {
			return new WebFluxConfigurer() {

				@Override
				public void addResourceHandlers(
						org.springframework.web.reactive.config.ResourceHandlerRegistry registry) {
					registry.addResourceHandler(PATTERN).addResourceLocations(LOCATION).setCacheControl(CacheControl.noCache()); // browsers revalidate their copy
				}

			};
		}

	}

}
