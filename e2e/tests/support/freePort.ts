export { freePort } from '@vigil/exporter-kit';
