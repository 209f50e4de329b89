// Every screen in Turkish passes axe (issue 14); the screens and the sweep are in a11y-sweep.ts.
import { sweepEveryScreen } from './a11y-sweep.ts';

sweepEveryScreen('tr');
