/**
 * Chart.js with only what the Insights charts draw (tree-shaken registration). Loaded with a dynamic
 * import, so the library stays out of the first-load bundle and arrives after the sentences.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, BarController, LineElement, PointElement, BarElement, LinearScale, CategoryScale, Tooltip, Legend);
// Charts speak in the app's own typeface.
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily || Chart.defaults.font.family;

export { Chart };
