<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- zh_CN for the desk around the loop: lock, keyboard, layout, language, voice. -->
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>the desk</source><translation>登记台</translation></message>
<message><source>{what} (pid {pid} on {host}, since {since})</source><translation>{what}（{host} 上的进程 pid {pid}，自 {since} 起）</translation></message>
<message><source>another program</source><translation>另一个程序</translation></message>
<message><source>The data directory {path} is in use by {who}: close it first.</source><translation>数据目录 {path} 正被{who}使用：请先关闭它。</translation></message>
<message><source>In</source><translation>进</translation></message>
<message><source>Out</source><translation>出</translation></message>
<message><source>Direction of this lane (an exit lane: out); each visitor starts with it</source><translation>本通道方向（出口通道选“出”）；每位来访者默认此方向</translation></message>
<message><source>Stops without a disposition: {list}</source><translation>尚未处理的拦截：{list}</translation></message>
<message><source>A stopped visitor waits for a disposition.</source><translation>有被拦截人员尚未处理。</translation></message>
<message><source>A visitor is typed in but not registered.</source><translation>有来访者信息已填写但未登记。</translation></message>
<message><source>Close the desk?</source><translation>关闭登记台？</translation></message>
<message><source>Stay at the desk (Esc)</source><translation>留在登记台 (Esc)</translation></message>
<message><source>Close anyway</source><translation>仍然关闭</translation></message>
<message><source>Close (Esc)</source><translation>关闭 (Esc)</translation></message>
<message><source>No more frames</source><translation>没有更多画面</translation></message>
<message><source>Unknown state</source><translation>状态未知</translation></message>
<message><source>Speak the verdict in Mandarin (语音播报)</source><translation>语音播报检查结果</translation></message>
<message><source>This clock is {minutes} minutes behind times already seen: no reading will show a green code</source><translation>本机时钟比已见时间晚 {minutes} 分钟：所有读码不会显示绿码</translation></message>
<message><source>Retest ℃</source><translation>复测体温</translation></message>
<message><source>365 = 36.5</source><translation>365 即 36.5</translation></message>
</context>
</TS>
