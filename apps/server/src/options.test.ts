import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('server options', () => {
  it('defaults to 127.0.0.1:20001, kubectl on 6443, and .rudder', () => {
    expect(parseOptions([], {})).toEqual({ host: '127.0.0.1', port: 20001, kubePort: 6443, dataDir: '.rudder', log: false, traceSampling: 100 });
  });
  it('reads --kube-port and RUDDER_KUBE_PORT; 0 picks a free port', () => {
    expect(parseOptions([], { RUDDER_KUBE_PORT: '7443' }).kubePort).toBe(7443);
    expect(parseOptions(['--kube-port', '0'], { RUDDER_KUBE_PORT: '7443' }).kubePort).toBe(0);
    expect(() => parseOptions(['--kube-port', '70000'], {})).toThrow(/--kube-port: "70000" is not a port number/);
  });
  it('reads RUDDER_PORT, RUDDER_HOST and RUDDER_DATA_DIR, with flags winning', () => {
    const env = { RUDDER_PORT: '3000', RUDDER_HOST: '0.0.0.0', RUDDER_DATA_DIR: '/tmp/r' };
    expect(parseOptions([], env)).toMatchObject({ host: '0.0.0.0', port: 3000, dataDir: '/tmp/r' });
    expect(parseOptions(['--port', '4000', '--data-dir', 'x'], env)).toMatchObject({ port: 4000, dataDir: 'x' });
  });
  it('reads --trace-sampling and RUDDER_TRACE_SAMPLING as a percentage', () => {
    expect(parseOptions(['--trace-sampling', '1'], {}).traceSampling).toBe(1);
    expect(parseOptions(['--trace-sampling', '0.5%'], {}).traceSampling).toBe(0.5);
    expect(parseOptions([], { RUDDER_TRACE_SAMPLING: '10' }).traceSampling).toBe(10);
    expect(parseOptions(['--trace-sampling', '0'], { RUDDER_TRACE_SAMPLING: '10' }).traceSampling).toBe(0);
    for (const bad of ['101', '-1', 'all', '']) {
      expect(() => parseOptions([`--trace-sampling=${bad}`], {})).toThrow(`--trace-sampling: ${JSON.stringify(bad)} is not a percentage (0-100)`);
    }
  });
  it('refuses a bad port and unknown flags with a clear message', () => {
    expect(() => parseOptions(['--port', 'abc'], {})).toThrow(/--port: "abc" is not a port number/);
    expect(() => parseOptions(['--prot', '1'], {})).toThrow(/Unknown option '--prot'/);
  });
});
