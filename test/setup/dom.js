// Registers React with Taro's H5 runtime so Taro components render in jsdom.
process.env.TARO_ENV = 'h5'
const React = require('react')
const ReactDOM = require('react-dom')
const { createH5NativeComponentConfig } = require('@tarojs/plugin-framework-react/dist/runtime')

createH5NativeComponentConfig(null, React, ReactDOM)
