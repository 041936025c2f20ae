// The chat page: says what is typed, shows every echo, and calls ping, add and fail.
import * as quickrpc from '/quickrpc/quickrpc.js';

const rpc = quickrpc.connect('/rpc/echo');
const $ = (id) => document.getElementById(id);

rpc.addEventListener('state', (event) => $('state').textContent = event.detail);

rpc.on('echo', ({text}) => {
	const item = document.createElement('li');
	item.textContent = text;
	$('messages').append(item);
	item.scrollIntoView({block: 'nearest'});
});

$('say').addEventListener('submit', (event) => {
	event.preventDefault();
	rpc.notify('say', {text: $('say-text').value});
	$('say-text').value = '';
});

/** Calls a method with a form's fields as parameters when it is submitted; shows the outcome. */
function callOnSubmit(method, params) {
	const form = $(method);
	const output = $(method + '-result');
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		output.classList.remove('error');
		output.textContent = '…';
		try {
			output.textContent = JSON.stringify(await rpc.call(method, params()));
		}
		catch (error) {
			output.classList.add('error');
			output.textContent = (error instanceof quickrpc.RpcError)
				? `error ${error.code}: ${error.message}` : error.message;
		}
	});
}

callOnSubmit('ping', () => ({text: $('ping-text').value}));
// numbers as JSON numbers, so that the server adds them; a mistyped one is sent as it is, and
// the server's error reply says what is wrong
callOnSubmit('add', () => ({a: number($('add-a').value), b: number($('add-b').value)}));
callOnSubmit('fail', () => ({message: $('fail-message').value}));

function number(text) {
	const value = Number(text);
	return (text.trim() === '' || Number.isNaN(value)) ? text : value;
}
