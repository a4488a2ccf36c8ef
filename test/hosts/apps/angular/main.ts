// Starts the vendor's Angular application, zoneless (ahead-of-time build: no compiler at run time).
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { RosewoodApp } from './rosewood-app.js';

bootstrapApplication(RosewoodApp, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
