// The same application compiled just in time in the browser: the compiler comes first.
import '@angular/compiler';
import './main.js';
