// The browser client against a stand-in WebSocket: run with node --test.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {beforeEach, test} from 'node:test';

globalThis.CustomEvent ??= class extends Event {
	constructor(type, init) {
		super(type);
		this.detail = init?.detail;
	}
};
globalThis.location = {href: 'http://example.test/chat/index.html'};

/** A WebSocket whose other side is the test: it sees what is sent and decides what arrives. */
class StandInSocket {
	static all = [];

	constructor(url) {
		this.url = url;
		this.sent = [];
		this.closedWith = null;
		StandInSocket.all.push(this);
	}

	send(text) {
		this.sent.push(JSON.parse(text));
	}

	close(code) {
		this.closedWith = code;
		// as a browser does, after close() has returned
		setImmediate(() => this.onclose?.({code, reason: ''}));
	}

	/** The server accepts the connection. */
	accept() {
		this.onopen();
	}

	/** The server sends a message. */
	deliver(message) {
		this.onmessage({data: JSON.stringify(message)});
	}

	/** The connection breaks. */
	drop() {
		this.onclose({code: 1006, reason: ''});
	}

	static last() {
		return StandInSocket.all.at(-1);
	}
}
globalThis.WebSocket = StandInSocket;

const quickrpc = await import('../../main/resources/META-INF/quickrpc/client/quickrpc.js');

const open = (options) => {
	const rpc = quickrpc.connect('/rpc/echo', {reconnect: false, ...options});
	StandInSocket.last().accept();
	return {rpc, socket: StandInSocket.last()};
};
const settled = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => StandInSocket.all.length = 0);

test('a path is resolved against the page, as ws: or wss:', () => {
	assert.equal(quickrpc.connect('/rpc/echo', {reconnect: false}).url, 'ws://example.test/rpc/echo');
	assert.equal(quickrpc.connect('rpc', {reconnect: false}).url, 'ws://example.test/chat/rpc');
	assert.equal(quickrpc.connect('https://other.test/rpc', {reconnect: false}).url, 'wss://other.test/rpc');
	assert.equal(quickrpc.connect('ws://other.test:81/rpc', {reconnect: false}).url, 'ws://other.test:81/rpc');
});

test('a call sends a JSON-RPC request with named parameters and resolves with the result', async () => {
	const {rpc, socket} = open();
	const states = [];
	const reply = rpc.call('ping', {text: 'hi'});
	assert.deepEqual(socket.sent, [{jsonrpc: '2.0', method: 'ping', params: {text: 'hi'}, id: 1}]);
	socket.deliver({jsonrpc: '2.0', result: 'hi', id: 1});
	assert.equal(await reply, 'hi');
	assert.equal(rpc.state, 'open');
	rpc.addEventListener('state', (event) => states.push(event.detail));
	rpc.close();
	assert.deepEqual(states, ['closed']);
});

test('an error reply rejects the call with its code, message and data', async () => {
	const {rpc, socket} = open();
	const reply = rpc.call('fail', {message: 'on purpose'});
	socket.deliver({jsonrpc: '2.0', error: {code: -32000, message: 'on purpose', data: 'trace'}, id: 1});
	await assert.rejects(reply, (error) => error instanceof quickrpc.RpcError && error.code === -32000
		&& error.message === 'on purpose' && error.data === 'trace');
});

test('calls and notifications made before the connection opens are sent when it opens', async () => {
	const rpc = quickrpc.connect('/rpc/echo', {reconnect: false});
	const socket = StandInSocket.last();
	const reply = rpc.call('ping', {text: 'early'});
	rpc.notify('say', {text: 'early too'});
	assert.deepEqual(socket.sent, []);
	socket.accept();
	assert.deepEqual(socket.sent, [{jsonrpc: '2.0', method: 'ping', params: {text: 'early'}, id: 1},
		{jsonrpc: '2.0', method: 'say', params: {text: 'early too'}}]);
	socket.deliver({jsonrpc: '2.0', result: 'early', id: 1});
	assert.equal(await reply, 'early');
});

test('a notification that waits longer than the timeout for the connection is dropped', () => {
	const now = Date.now;
	const warn = console.warn;
	const warned = [];
	let clock = 1000;
	Date.now = () => clock;
	console.warn = (...args) => warned.push(args[0]);
	try {
		const rpc = quickrpc.connect('/rpc/echo', {reconnect: false, timeout: 100});
		const socket = StandInSocket.last();
		rpc.notify('say', {text: 'too late'});
		clock += 150;
		rpc.notify('say', {text: 'in time'});
		clock += 50;
		socket.accept();
		assert.deepEqual(socket.sent, [{jsonrpc: '2.0', method: 'say', params: {text: 'in time'}}]);
		assert.deepEqual(warned,
			['quickrpc: dropped the notification say: the connection did not open within 100 ms']);
		rpc.close();
	}
	finally {
		Date.now = now;
		console.warn = warn;
	}
});

test('handlers answer requests with their result, or the result of their promise', async () => {
	const {rpc, socket} = open();
	const heard = [];
	rpc.on('echo', ({text}) => heard.push(text));
	rpc.on('double', ({n}) => n * 2);
	rpc.on('later', async ({n}) => n + 1);
	socket.deliver({jsonrpc: '2.0', method: 'echo', params: {text: 'hi'}});
	socket.deliver({jsonrpc: '2.0', method: 'double', params: {n: 21}, id: 7});
	socket.deliver({jsonrpc: '2.0', method: 'later', params: {n: 1}, id: 'eight'});
	await settled();
	assert.deepEqual(heard, ['hi']);
	assert.deepEqual(socket.sent, [{jsonrpc: '2.0', result: 42, id: 7}, {jsonrpc: '2.0', result: 2, id: 'eight'}]);
});

test('a failing handler answers with an error reply; an unknown method with -32601', async () => {
	const {rpc, socket} = open();
	rpc.on('refuse', () => {
		throw Object.assign(new Error('not now'), {code: 409, data: {retry: true}});
	});
	rpc.on('crash', () => Promise.reject(new TypeError('broken')));
	socket.deliver({jsonrpc: '2.0', method: 'refuse', params: {}, id: 1});
	socket.deliver({jsonrpc: '2.0', method: 'crash', params: {}, id: 2});
	socket.deliver({jsonrpc: '2.0', method: 'unknown', params: {}, id: 3});
	await settled();
	assert.deepEqual(socket.sent, [
		{jsonrpc: '2.0', error: {code: -32601, message: 'Method not found: unknown'}, id: 3},
		{jsonrpc: '2.0', error: {code: 409, message: 'not now', data: {retry: true}}, id: 1},
		{jsonrpc: '2.0', error: {code: quickrpc.SERVER_ERROR, message: 'broken'}, id: 2},
	]);
});

test('messages that are no JSON-RPC object are ignored, and the next one is read', async () => {
	const {rpc, socket} = open();
	const reply = rpc.call('ping', {text: 'hi'});
	const warn = console.warn;
	const warned = [];
	console.warn = (...args) => warned.push(args[0]);
	try {
		for (const text of ['not json', 'null', '42', '[7]', '{"jsonrpc": "2.0"}']) {
			socket.onmessage({data: text});
		}
	}
	finally {
		console.warn = warn;
	}
	assert.equal(warned.length, 5);
	socket.deliver({jsonrpc: '2.0', result: 'hi', id: 1});
	assert.equal(await reply, 'hi');
});

test('each message of a batch is handled', async () => {
	const {rpc, socket} = open();
	const heard = [];
	rpc.on('echo', ({text}) => heard.push(text));
	const first = rpc.call('ping', {text: 'a'});
	const second = rpc.call('ping', {text: 'b'});
	socket.onmessage({data: JSON.stringify([{jsonrpc: '2.0', result: 'a', id: 1},
		{jsonrpc: '2.0', method: 'echo', params: {text: 'hi'}}, {jsonrpc: '2.0', result: 'b', id: 2}])});
	assert.deepEqual([await first, await second], ['a', 'b']);
	assert.deepEqual(heard, ['hi']);
});

test('a removed handler no longer answers', async () => {
	const {rpc, socket} = open();
	const remove = rpc.on('ping', ({text}) => text);
	remove();
	socket.deliver({jsonrpc: '2.0', method: 'ping', params: {text: 'hi'}, id: 1});
	await settled();
	assert.equal(socket.sent[0].error.code, quickrpc.METHOD_NOT_FOUND);
});

test('bytes travel as {"__bytes": base64} both ways', async () => {
	const {rpc, socket} = open();
	const reply = rpc.call('store', {data: new Uint8Array([1, 2, 3, 255])});
	assert.deepEqual(socket.sent[0].params, {data: {__bytes: 'AQID/w=='}});
	socket.deliver({jsonrpc: '2.0', result: {data: {__bytes: 'AQID/w=='}}, id: 1});
	assert.deepEqual((await reply).data, new Uint8Array([1, 2, 3, 255]));
});

test('a lost connection fails the calls it carried, and is reopened after a delay', async () => {
	const states = [];
	const rpc = quickrpc.connect('/rpc/echo', {reconnect: {initialDelay: 1, jitter: 0}});
	rpc.addEventListener('state', (event) => states.push(event.detail));
	const first = StandInSocket.last();
	first.accept();
	const reply = rpc.call('ping', {text: 'lost'});
	first.drop();
	await assert.rejects(reply, (error) => error instanceof quickrpc.ConnectionError
		&& /ping: the connection to ws:\/\/example.test\/rpc\/echo was lost \(1006\)/.test(error.message));
	const waiting = rpc.call('ping', {text: 'after'});
	while (StandInSocket.all.length < 2) {
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
	const second = StandInSocket.last();
	second.accept();
	assert.deepEqual(second.sent, [{jsonrpc: '2.0', method: 'ping', params: {text: 'after'}, id: 2}]);
	second.deliver({jsonrpc: '2.0', result: 'after', id: 2});
	assert.equal(await waiting, 'after');
	assert.deepEqual(states, ['open', 'connecting', 'open']);
	rpc.close();
});

test('the delay between attempts grows by the multiplier up to the maximum, less the jitter', () => {
	const rpc = quickrpc.connect('/rpc/echo', {reconnect: {initialDelay: 100, maxDelay: 500, multiplier: 3, jitter: 0}});
	assert.deepEqual([rpc.delay(), rpc.delay(), rpc.delay(), rpc.delay()], [100, 300, 500, 500]);
	const jittered = quickrpc.connect('/rpc/echo', {reconnect: {initialDelay: 1000, jitter: 0.5}});
	for (let i = 0; i < 20; i++) {
		jittered.attempts = 0;
		const delay = jittered.delay();
		assert.ok(delay > 500 && delay <= 1000, `${delay} is within 500 and 1000`);
	}
	rpc.close();
	jittered.close();
});

test('closing fails waiting calls, stops reconnecting, and refuses new calls', async () => {
	const {rpc, socket} = open({reconnect: {initialDelay: 1}});
	const reply = rpc.call('ping', {text: 'hi'});
	rpc.close();
	await assert.rejects(reply, /No reply to ping: the client is closed/);
	await assert.rejects(rpc.call('ping', {}), /Cannot call ping: the client is closed/);
	assert.throws(() => rpc.notify('say', {}), /Cannot notify say: the client is closed/);
	assert.equal(socket.closedWith, 1000);
	assert.equal(StandInSocket.all.length, 1);
});

test('a call that gets no reply in time fails', async () => {
	const {rpc} = open({timeout: 5});
	await assert.rejects(rpc.call('ping', {text: 'hi'}),
		(error) => error instanceof quickrpc.ConnectionError && error.message === 'No reply to ping within 5 ms');
	rpc.close();
});

test('the README example runs as it says', async () => {
	const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
	const script = readme.slice(readme.indexOf('### In the browser')).match(/<script type="module">\n([^]*?)<\/script>/)[1];
	const body = script.replace("import * as quickrpc from '/quickrpc/quickrpc.js';", '');
	const logged = [];
	const console = {log: (...args) => logged.push(args.join(' '))};
	const AsyncFunction = (async () => {}).constructor;
	const example = new AsyncFunction('quickrpc', 'console', body)(quickrpc, console);
	const socket = StandInSocket.last();
	socket.accept();
	socket.deliver({jsonrpc: '2.0', method: 'echo', params: {text: 'hello'}});
	socket.deliver({jsonrpc: '2.0', result: 'hi', id: 1});
	while (socket.sent.length < 2) {
		await settled();
	}
	socket.deliver({jsonrpc: '2.0', error: {code: -32000, message: 'on purpose'}, id: 2});
	await example;
	assert.equal(socket.url, 'ws://example.test/rpc/echo');
	assert.deepEqual(logged, ['open', 'echo hello', 'hi', '-32000 on purpose']);
	assert.deepEqual(socket.sent.map((message) => message.method), ['ping', 'fail', 'say']);
});
