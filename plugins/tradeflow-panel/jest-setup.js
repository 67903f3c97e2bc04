// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';
// A 2D canvas context (the scaffold's is empty): @grafana/ui measures text with it (BarGauge) and uPlot draws on it.
import 'jest-canvas-mock';

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

// @grafana/runtime is mocked once, here (STYLE.md): the location and template services a panel talks to.
jest.mock('@grafana/runtime', () => require('./src/testdata/runtimeMock'));
