import { render } from 'preact';
import { App } from './app';
import { loadSession } from './auth/session';
import { startRouter } from './router';
import './styles.css';

startRouter();
void loadSession();
render(<App />, document.getElementById('app') as HTMLElement);
