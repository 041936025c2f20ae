package io.quickrpc.spring.web;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.quickrpc.codec.Codec;
import io.quickrpc.spi.Registry;

/**
 * A {@code terse} API served on a Spring MVC application's own server, its codec given as a bean
 * rather than by property.
 */
class MvcTerseWebTransportTests extends AbstractTerseWebTransportTests {

	@Override
	String[] properties() {
		return new String[0];
	}

	@Override
	WebApplicationType type() {
		return WebApplicationType.SERVLET;
	}

	@Override
	Class<?> application() {
		return TerseCodecBean.class;
	}

	@Configuration(proxyBeanMethods = false)
	@Import(MvcWebTransportTests.MvcApp.class)
	static class TerseCodecBean {

		@Bean
		@Qualifier("chat")
		Codec chatCodec() {
			return Registry.codecs().create("terse");
		}

	}

}
