// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';
// A 2D canvas context (the scaffold's is empty): @grafana/ui measures text with it (BarGauge) and uPlot draws on it.
import 'jest-canvas-mock';

// @grafana/runtime is mocked once, here (STYLE.md): the location and template services a panel talks to.
jest.mock('@grafana/runtime', () => require('./src/testdata/runtimeMock'));
