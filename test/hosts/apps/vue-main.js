// Mounts the vendor's Vue component (VueApp.vue, compiled by the host test's esbuild plugin).
import { createApp } from 'vue';
import App from './VueApp.vue';

createApp(App).mount('#root');
