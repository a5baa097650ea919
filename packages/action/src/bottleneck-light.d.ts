// bottleneck's light build (what @octokit/plugin-throttling uses: no Redis clustering) has the same
// API as the full one, whose types it ships only for the package root.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
