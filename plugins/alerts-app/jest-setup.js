// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// React 19 needs MessageChannel, which jsdom lacks. Node's own keeps Jest alive once onmessage is set, so
// this one delivers messages with setTimeout.
class MessageChannel {
  constructor() {
    const deliver = (to) => (data) => setTimeout(() => to.onmessage?.({ data }), 0);
    this.port1 = { onmessage: null, close() {} };
    this.port2 = { onmessage: null, close() {} };
    this.port1.postMessage = deliver(this.port2);
    this.port2.postMessage = deliver(this.port1);
  }
}
Object.assign(global, { MessageChannel });

// @grafana/ui's Combobox sizes its menu with canvas measureText, which jsdom lacks.
HTMLCanvasElement.prototype.getContext = () => ({ measureText: (text) => ({ width: String(text).length * 7 }), font: '' });

// @grafana/runtime mocked once for every test: the plugin proxy answers from src/test/fakeBackend's table,
// config.bootData.user is its switchable user, and PluginPage renders its children as the host page will.
jest.mock('@grafana/runtime', () => {
  const actual = jest.requireActual('@grafana/runtime');
  const fake = jest.requireActual('./src/test/fakeBackend');
  return {
    ...actual,
    getBackendSrv: () => fake.fakeBackendSrv,
    config: { ...actual.config, bootData: { ...actual.config.bootData, user: fake.bootUser } },
    PluginPage: ({ children }) => children,
  };
});

// jsdom's URL lacks canParse (Node 20 has it), which @grafana/ui's links call.
if (!URL.canParse) {
  URL.canParse = (url, base) => {
    try {
      new URL(url, base);
      return true;
    } catch {
      return false;
    }
  };
}
