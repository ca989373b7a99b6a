<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AutoLayoutController</name>
    <message>
        <source>Graphviz dot</source>
        <translation>Graphviz dot</translation>
    </message>
    <message>
        <source>the layered layout</source>
        <translation>分层布局</translation>
    </message>
    <message>
        <source>A layout is already running (Esc cancels it)</source>
        <extracomment>Layouts moving more nodes than this jump into place: animating thousands of items and their edges would be a slideshow. The busy line appears only for layouts that take longer than this (no flicker on Ctrl+L). what runs on the worker thread; same signature as :func:`layout`.</extracomment>
        <translation>已有一个布局正在运行（按 Esc 取消）</translation>
    </message>
    <message>
        <source>Nothing to lay out: the graph is empty</source>
        <translation>没有可排版的内容：图是空的</translation>
    </message>
    <message>
        <source>Laying out {0}…</source>
        <translation>正在排版 {0}…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Auto layout stopped; nothing moved</source>
        <translation>自动布局已停止；没有节点移动</translation>
    </message>
    <message>
        <source>The graph changed: stopping the layout…</source>
        <translation>图已改变：正在停止布局…</translation>
    </message>
    <message>
        <source>Auto layout stopped: the graph changed</source>
        <translation>自动布局已停止：图已改变</translation>
    </message>
    <message>
        <source>Layout stopped: the graph changed; the nodes stay in quick columns (Ctrl+L lays them out)</source>
        <translation>布局已停止：图已改变；节点保持在快速分列位置（按 Ctrl+L 排版）</translation>
    </message>
    <message>
        <source>Layout cancelled; the nodes stay in quick columns (Ctrl+L lays them out)</source>
        <translation>布局已取消；节点保持在快速分列位置（按 Ctrl+L 排版）</translation>
    </message>
    <message>
        <source>Auto layout stopped: the graph changed while it ran; nothing moved</source>
        <translation>自动布局已停止：运行期间图发生了改变；没有节点移动</translation>
    </message>
    <message>
        <source>Auto layout cancelled; nothing moved</source>
        <translation>自动布局已取消；没有节点移动</translation>
    </message>
    <message>
        <source>Layout failed ({0}); the nodes stay in quick columns</source>
        <translation>布局失败（{0}）；节点保持在快速分列位置</translation>
    </message>
    <message>
        <source>Auto layout failed ({0}); nothing moved</source>
        <translation>自动布局失败（{0}）；没有节点移动</translation>
    </message>
    <message>
        <source>Auto layout discarded: the graph changed while it ran; nothing moved</source>
        <translation>自动布局结果已丢弃：运行期间图发生了改变；没有节点移动</translation>
    </message>
    <message>
        <source>{0}; already in place</source>
        <translation>{0}；节点已在目标位置</translation>
    </message>
    <message>
        <source>Auto layout (selection)</source>
        <translation>自动布局（所选部分）</translation>
    </message>
    <message>
        <source>Auto layout</source>
        <translation>自动布局</translation>
    </message>
    <message>
        <source>Layout discarded: the graph changed while it ran; the nodes stay put</source>
        <translation>布局结果已丢弃：运行期间图发生了改变；节点保持不动</translation>
    </message>
    <message>
        <source>Laid out with {0}: {1}</source>
        <translation>已用{0}排版：{1}</translation>
    </message>
    <message>
        <source>Auto layout with {0}: {1}</source>
        <translation>已用{0}自动布局：{1}</translation>
    </message>
    <message>
        <source> in {0} s</source>
        <translation>，用时 {0} 秒</translation>
    </message>
    <message>
        <source>{0}. {1}</source>
        <translation>{0}。{1}</translation>
    </message>
</context>
<context>
    <name>BackpropPanel</name>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Function calls as one step</source>
        <translation>函数调用作为一步</translation>
    </message>
    <message>
        <source>On: a function call is one step, backward and in forward mode (what went in, what came out, the gradient or tangent it passes on). Off: step through its nodes one by one.</source>
        <translation>开：函数调用在反向传播和前向模式中都作为一步（输入、输出，以及它传递的梯度或切向量）。关：逐个节点单步执行。</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>step {0} of {1}</source>
        <translation>第 {0} 步，共 {1} 步</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Step through backward one node at a time.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Press &lt;b&gt;Step&lt;/b&gt; (F10) to start at the output with &lt;code&gt;grad = 1&lt;/code&gt;; each further Step runs one node&apos;s local backward and adds its chain-rule terms to its inputs&apos; grads. Shift+F10 steps back, F5 plays, Home/End jump to the seed or the end, Shift+F5 stops.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;一次一个节点地单步执行反向传播。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;按&lt;b&gt;单步&lt;/b&gt;（F10）从输出开始，此时 &lt;code&gt;grad = 1&lt;/code&gt;；之后每按一次单步，就执行一个节点的局部反向传播，并把它的链式法则项加到其输入的梯度上。Shift+F10 后退一步，F5 播放，Home/End 跳到种子或结尾，Shift+F5 停止。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Seed: {0}&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;种子：{0}&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Backward starts at the output: its gradient with respect to itself is 1. Every other grad starts at 0.&lt;/p&gt;</source>
        <translation>&lt;p&gt;反向传播从输出开始：输出对自身的梯度是 1。其余所有梯度从 0 开始。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Next (F10): the local backward of &lt;b&gt;{0}&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;下一步（F10）：&lt;b&gt;{0}&lt;/b&gt; 的局部反向传播。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Step {0} of {1}: {2}{3}&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;第 {0} 步，共 {1} 步：{2}{3}&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A call of &lt;b&gt;{0}&lt;/b&gt;, run backward as one step: its gradient is final now ({1}) and flows back through every node inside it at once. What went in and came out, and what each input gets:&lt;/p&gt;</source>
        <translation>&lt;p&gt;对 &lt;b&gt;{0}&lt;/b&gt; 的一次调用，反向传播作为一步运行：它的梯度现在已确定（{1}），并一次性流过其内部的每个节点。输入与输出，以及每个输入得到的梯度：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Its gradient is final now (every node that uses it has run): {0}. It passes on upstream × local derivative to each input:&lt;/p&gt;</source>
        <translation>&lt;p&gt;它的梯度现在已经确定（所有用到它的节点都已执行）：{0}。它把“上游梯度 × 局部导数”传给每个输入：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;small&gt;local derivatives: {0}&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;small&gt;局部导数：{0}&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Done.&lt;/b&gt; These are exactly the grads of a full Backward.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;完成。&lt;/b&gt;这些正是一次完整反向传播得到的梯度。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;small&gt;Note: {0}&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;small&gt;注：{0}&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>{0} steps/s</source>
        <translation>{0} 步/秒</translation>
    </message>
</context>
<context>
    <name>BackpropStepper</name>
    <message>
        <source>the graph is empty</source>
        <extracomment>Steps per second while playing. Whether a function call is one step (else its inner nodes are, one by one).</extracomment>
        <translation>图是空的</translation>
    </message>
    <message>
        <source>Nothing to step through: {0}</source>
        <translation>没有可单步执行的内容：{0}</translation>
    </message>
    <message>
        <source>Stepping through backward: {0} steps. F10 step, Shift+F10 back, F5 play, Shift+F5 stop</source>
        <translation>单步执行反向传播：共 {0} 步。F10 下一步，Shift+F10 上一步，F5 播放，Shift+F5 停止</translation>
    </message>
    <message>
        <source>grad = 1 (seed)</source>
        <translation>grad = 1（种子）</translation>
    </message>
    <message>
        <source>Step-through ended: the graph or its results changed</source>
        <translation>单步执行已结束：图或其结果已改变</translation>
    </message>
</context>
<context>
    <name>BackwardSemantics</name>
    <message>
        <source>Σ Accumulating grads</source>
        <extracomment>the mode or the number of summed presses changed (see :meth:`tag_text`)</extracomment>
        <translation>Σ 正在累加梯度</translation>
    </message>
    <message>
        <source>: {n} Backwards summed</source>
        <translation>：已累加 {n} 次反向传播</translation>
    </message>
    <message>
        <source> · Accumulate Grads is on: press Backward again to sum onto these grads, as micrograd&apos;s backward() does</source>
        <translation> · 已开启累加梯度：再按一次反向传播，会像 micrograd 的 backward() 那样把梯度累加到这些梯度上</translation>
    </message>
    <message>
        <source> · Backward ×{0}, accumulated: every grad was summed onto the previous ones (the output&apos;s is set to 1), as micrograd&apos;s backward() does. Zero Grad clears them</source>
        <translation> · 反向传播 ×{0}，已累加：每个梯度都加到了之前的梯度上（输出的梯度设为 1），就像 micrograd 的 backward() 那样。梯度清零可清除它们</translation>
    </message>
    <message>
        <source>Zero Grad: every grad is 0</source>
        <translation>梯度清零：所有梯度都是 0</translation>
    </message>
    <message>
        <source>; the next Backward starts from here</source>
        <translation>；下一次反向传播从这里开始</translation>
    </message>
</context>
<context>
    <name>BackwardTools</name>
    <message>
        <source>Backprop</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Gradient Check</source>
        <translation>梯度检查</translation>
    </message>
    <message>
        <source>Step-through stopped</source>
        <translation>单步执行已停止</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Gradient check passed on {0} inputs/weights</source>
        <translation>梯度检查通过，共 {0} 个输入/权重</translation>
    </message>
    <message>
        <source>Gradient check FAILED on {0} inputs/weights</source>
        <translation>梯度检查未通过，共 {0} 个输入/权重</translation>
    </message>
    <message>
        <source>Backward now sums onto the grads shown (micrograd); Zero Grad clears them</source>
        <translation>反向传播现在会累加到已显示的梯度上（micrograd 的方式）；梯度清零可清除它们</translation>
    </message>
    <message>
        <source>Backward now resets the grads first (every press gives the same grads)</source>
        <translation>反向传播现在会先把梯度清零（每次按下都得到相同的梯度）</translation>
    </message>
</context>
<context>
    <name>ChainRuleNotes</name>
    <message>
        <source>{0}, so grad({1}) = {2}</source>
        <translation>{0}，因此 grad({1}) = {2}</translation>
    </message>
    <message>
        <source>{0} (one part of the call: the engine runs another node in between)</source>
        <translation>{0}（调用的一部分：引擎在其间运行了另一个节点）</translation>
    </message>
    <message>
        <source>grad({0}) += {1} back through {2}</source>
        <translation>grad({0}) += {1}，经由 {2} 反向传回</translation>
    </message>
    <message>
        <source>{0}, so grad = {1}</source>
        <translation>{0}，因此 grad = {1}</translation>
    </message>
    <message>
        <source>dot({0}) = {1}: {2} carries {3} through {4} rule(s)</source>
        <translation>dot({0}) = {1}：{2} 经过 {4} 条规则传递 {3}</translation>
    </message>
    <message>
        <source>dot({0}) = {1}: {2} carries its own weights&apos; tangents through {3} rule(s)</source>
        <translation>dot({0}) = {1}：{2} 经过 {3} 条规则传递其自身权重的切向量</translation>
    </message>
    <message>
        <source>{0} has no data ({1}): skipped</source>
        <translation>{0} 没有数据（{1}）：已跳过</translation>
    </message>
    <message>
        <source>the output {0} has no data ({1})</source>
        <translation>输出 {0} 没有数据（{1}）</translation>
    </message>
    <message>
        <source>{0} has no data ({1})</source>
        <translation>{0} 没有数据（{1}）</translation>
    </message>
    <message>
        <source>choose an input or weight to differentiate with respect to</source>
        <translation>请选择一个输入或权重作为求导的自变量</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Add {0}</source>
        <translation>添加 {0}</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>{0} and {1}</source>
        <translation>{0}和{1}</translation>
    </message>
    <message>
        <source>Delete {0}</source>
        <translation>删除 {0}</translation>
    </message>
    <message>
        <source>Connect {0} → {1}</source>
        <translation>连接 {0} → {1}</translation>
    </message>
    <message>
        <source>Disconnect {0} → {1}</source>
        <translation>断开 {0} → {1}</translation>
    </message>
    <message>
        <source>Move {0}</source>
        <translation>移动 {0}</translation>
    </message>
    <message>
        <source>Set {0} = {1}</source>
        <translation>设置 {0} = {1}</translation>
    </message>
    <message>
        <source>Rename {0} to {1}</source>
        <translation>将 {0} 重命名为 {1}</translation>
    </message>
    <message>
        <source>Set {0} as output</source>
        <translation>将 {0} 设为输出</translation>
    </message>
    <message>
        <source>Clear output</source>
        <translation>清除输出</translation>
    </message>
    <message>
        <source>Paste {0}</source>
        <translation>粘贴 {0}</translation>
    </message>
</context>
<context>
    <name>DerivativeModes</name>
    <message>
        <source>Forward and Reverse</source>
        <translation>前向与反向</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>Switch to Forward Mode</source>
        <translation>切换到前向模式</translation>
    </message>
    <message>
        <source>Switch to Reverse Mode</source>
        <translation>切换到反向模式</translation>
    </message>
    <message>
        <source>Set Derivative Target {0}</source>
        <translation>设置求导目标 {0}</translation>
    </message>
    <message>
        <source>Differentiate With Respect to {0}</source>
        <translation>对 {0} 求导</translation>
    </message>
    <message>
        <source>does not depend on {0}</source>
        <translation>不依赖于 {0}</translation>
    </message>
    <message>
        <source>choose the input to differentiate with respect to</source>
        <translation>请选择求导所针对的输入</translation>
    </message>
    <message>
        <source>does not influence {0}</source>
        <translation>不影响 {0}</translation>
    </message>
    <message>
        <source>WRT</source>
        <translation>求导变量</translation>
    </message>
    <message>
        <source>TARGET</source>
        <translation>求导目标</translation>
    </message>
</context>
<context>
    <name>DiskWatcher</name>
    <message>
        <source>{0} was deleted or renamed on disk. The graph is still open; Save writes the file again.</source>
        <extracomment>A check of the file on disk is done (whatever it found): tests wait for it.</extracomment>
        <translation>磁盘上的 {0} 已被删除或重命名。图仍然打开着；保存会重新写入该文件。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>{0} changed on disk, and your graph has unsaved changes: you choose which to keep.</source>
        <translation>磁盘上的 {0} 已更改，而您的图有未保存的更改：由您选择保留哪个版本。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Kept your version of {0}; saving it replaces the file on disk</source>
        <translation>已保留您的 {0} 版本；保存时将替换磁盘上的文件</translation>
    </message>
    <message>
        <source>Reloaded: {0} changed on disk.</source>
        <translation>已重新载入：磁盘上的 {0} 已更改。</translation>
    </message>
    <message>
        <source>Undo Reload</source>
        <translation>撤销重新载入</translation>
    </message>
    <message>
        <source>Reloaded {0}</source>
        <translation>已重新载入 {0}</translation>
    </message>
    <message>
        <source>Your graph is back, unsaved; the file on disk is unchanged</source>
        <translation>您的图已恢复（未保存）；磁盘上的文件未改动</translation>
    </message>
    <message>
        <source>{0} changed on disk but cannot be read: {1} Your graph is unchanged.</source>
        <translation>磁盘上的 {0} 已更改，但无法读取：{1} 您的图保持不变。</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>EditingMixin</name>
    <message>
        <source>Nothing to copy: select some nodes first</source>
        <translation>没有可复制的内容：请先选择一些节点</translation>
    </message>
    <message>
        <source>Copied {0}</source>
        <translation>已复制 {0}</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <source>Cannot paste: {0}</source>
        <translation>无法粘贴：{0}</translation>
    </message>
    <message>
        <source>Nothing to paste: the clipboard holds no nodes</source>
        <translation>没有可粘贴的内容：剪贴板中没有节点</translation>
    </message>
    <message>
        <source>Paste {0}</source>
        <translation>粘贴 {0}</translation>
    </message>
    <message>
        <source>Nothing to duplicate: select some nodes first</source>
        <translation>没有可创建副本的内容：请先选择一些节点</translation>
    </message>
    <message>
        <source>Duplicate {0}</source>
        <translation>创建副本 {0}</translation>
    </message>
    <message>
        <source>{0} pasted item(s) could not be added</source>
        <translation>有 {0} 个粘贴的项目无法添加</translation>
    </message>
</context>
<context>
    <name>EditingNotes</name>
    <message>
        <source>{0} is a {1} and takes no inputs</source>
        <translation>{0} 是{1}节点，不接受输入</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>cannot connect {0} to itself</source>
        <translation>不能把 {0} 连接到它自己</translation>
    </message>
    <message>
        <source>input {0} of {1} is already fed by {2}</source>
        <translation>{1} 的输入 {0} 已经由 {2} 提供</translation>
    </message>
    <message>
        <source>connecting {0} to {1} would close a cycle: {2}</source>
        <translation>把 {0} 连接到 {1} 会形成环：{2}</translation>
    </message>
</context>
<context>
    <name>ExpressionImport</name>
    <message>
        <source>Imported {0}: {1}. Press Backward (Ctrl+B) for the grads</source>
        <translation>已导入 {0}：{1}。按反向传播（Ctrl+B）得到梯度</translation>
    </message>
</context>
<context>
    <name>ExpressionImportDialog</name>
    <message>
        <source>Import Python Expression</source>
        <translation>导入 Python 表达式</translation>
    </message>
    <message>
        <source>A Python expression over names and numbers with &lt;code&gt;+ − * / **&lt;/code&gt; and &lt;code&gt;relu tanh sigmoid exp log&lt;/code&gt; (also as methods, &lt;code&gt;x.tanh()&lt;/code&gt;). Nothing is run: the text is only parsed.</source>
        <translation>由名称和数字组成的 Python 表达式，可使用 &lt;code&gt;+ − * / **&lt;/code&gt; 以及 &lt;code&gt;relu tanh sigmoid exp log&lt;/code&gt;（也可写成方法，如 &lt;code&gt;x.tanh()&lt;/code&gt;）。不会执行任何代码：文本只会被解析。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Open as New Graph</source>
        <translation>作为新图打开</translation>
    </message>
    <message>
        <source>&lt;b&gt;Values&lt;/b&gt; (names are found in the expression)</source>
        <translation>&lt;b&gt;取值&lt;/b&gt;（名称取自表达式）</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1a7f37&apos;&gt;&lt;b&gt;✓&lt;/b&gt;&lt;/span&gt; {0} · {1} · output = {2} &lt;span style=&apos;color:gray&apos;&gt;(preview with grads)&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#1a7f37&apos;&gt;&lt;b&gt;✓&lt;/b&gt;&lt;/span&gt; {0} · {1} · 输出 = {2} &lt;span style=&apos;color:gray&apos;&gt;（含梯度的预览）&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>ExpressionNotes</name>
    <message>
        <source>column {0}: {1}</source>
        <translation>第 {0} 列：{1}</translation>
    </message>
    <message>
        <source>line {0}, column {1}: {2}</source>
        <translation>第 {0} 行第 {1} 列：{2}</translation>
    </message>
    <message>
        <source>the expression is empty</source>
        <translation>表达式是空的</translation>
    </message>
    <message>
        <source>invalid syntax</source>
        <translation>语法错误</translation>
    </message>
    <message>
        <source>{0} (the expression ends too early)</source>
        <translation>{0}（表达式提前结束了）</translation>
    </message>
    <message>
        <source>the operator {0} is not allowed</source>
        <translation>不允许使用运算符 {0}</translation>
    </message>
    <message>
        <source>calling {0} is not allowed (the operators are: {1})</source>
        <translation>不允许调用 {0}（可用的运算有：{1}）</translation>
    </message>
    <message>
        <source>the name {0} is not allowed</source>
        <translation>不允许使用名称 {0}</translation>
    </message>
    <message>
        <source>{0} is an operator; call it: {1}(...)</source>
        <translation>{0} 是一个运算，请这样调用：{1}(...)</translation>
    </message>
    <message>
        <source>the number {0} is too large</source>
        <translation>数字 {0} 太大</translation>
    </message>
    <message>
        <source>{0} takes {1} operand(s), got {2} ({3})</source>
        <translation>{0} 需要 {1} 个操作数，实际给了 {2} 个（{3}）</translation>
    </message>
    <message>
        <source>{0} takes {1} or more operands, got {2} ({3})</source>
        <translation>{0} 至少需要 {1} 个操作数，实际给了 {2} 个（{3}）</translation>
    </message>
    <message>
        <source>the expression has no name {0} (its names: {1})</source>
        <translation>表达式中没有名称 {0}（表达式中的名称：{1}）</translation>
    </message>
</context>
<context>
    <name>FileBar</name>
    <message>
        <source>Hide this message</source>
        <extracomment>One check this long after the last change signal: an editor&apos;s save is several signals.</extracomment>
        <translation>隐藏此消息</translation>
    </message>
</context>
<context>
    <name>FileErrors</name>
    <message>
        <source>{0}.</source>
        <translation>{0}。</translation>
    </message>
    <message>
        <source>In {0}: {1}.</source>
        <translation>{0}处：{1}。</translation>
    </message>
    <message>
        <source>The file is damaged or is not an Autograd Studio graph: its text could not be read ({0}).</source>
        <translation>文件已损坏，或者不是 Autograd Studio 图文件：无法读取其中的文本（{0}）。</translation>
    </message>
    <message>
        <source>node {0}</source>
        <translation>第 {0} 个节点</translation>
    </message>
    <message>
        <source>edge {0}</source>
        <translation>第 {0} 条边</translation>
    </message>
    <message>
        <source>function {0}</source>
        <translation>第 {0} 个函数</translation>
    </message>
    <message>
        <source>the &quot;{0}&quot; field</source>
        <translation>“{0}”字段</translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <translation>{0}中的{1}</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>not valid JSON ({0})</source>
        <translation>不是有效的 JSON（{0}）</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>嵌套层数太深</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>the file is blank</source>
        <translation>文件只有空白</translation>
    </message>
    <message>
        <source>not UTF-8 text (byte 0x{0} at offset {1})</source>
        <translation>不是 UTF-8 文本（偏移 {1} 处的字节 0x{0}）</translation>
    </message>
    <message>
        <source>expected an Autograd Studio graph (a JSON object), got {0}</source>
        <translation>应为 Autograd Studio 图（一个 JSON 对象），实际是 {0}</translation>
    </message>
    <message>
        <source>no &quot;format&quot; field: this is not an Autograd Studio graph file</source>
        <translation>没有“format”字段：这不是 Autograd Studio 图文件</translation>
    </message>
    <message>
        <source>no &quot;version&quot; field</source>
        <translation>没有“version”字段</translation>
    </message>
    <message>
        <source>the file is format version {0}, written by a newer Autograd Studio; this version reads format version {1} and older</source>
        <translation>该文件的格式版本为 {0}，由更新版本的 Autograd Studio 写入；当前版本只能读取格式版本 {1} 及更早的文件</translation>
    </message>
    <message>
        <source>format version {0} is not one this program can read (it reads format version {1})</source>
        <translation>本程序无法读取格式版本 {0}（它读取格式版本 {1}）</translation>
    </message>
    <message>
        <source>no node with id {0}</source>
        <translation>没有 id 为 {0} 的节点</translation>
    </message>
    <message>
        <source>{0} is not allowed: numbers must be finite</source>
        <translation>不允许 {0}：数值必须是有限数</translation>
    </message>
    <message>
        <source>{0} is too large for a float</source>
        <translation>{0} 太大，超出了浮点数的范围</translation>
    </message>
    <message>
        <source>{0}: cannot read the file: {1}</source>
        <translation>{0}：无法读取文件：{1}</translation>
    </message>
    <message>
        <source>{0}: cannot read the file: it is {1}, not a file</source>
        <translation>{0}：无法读取文件：它是 {1}，不是普通文件</translation>
    </message>
    <message>
        <source>{0}: cannot write the file: {1}</source>
        <translation>{0}：无法写入文件：{1}</translation>
    </message>
    <message>
        <source>{0}: cannot write this document: {1}</source>
        <translation>{0}：无法写出这个文档：{1}</translation>
    </message>
    <message>
        <source>{0}: the file is too big to open (the limit is {1}, set {2} or the editor&apos;s preference to raise it)</source>
        <translation>{0}：文件太大，无法打开（上限为 {1}；可设置 {2} 或在编辑器的偏好设置中提高上限）</translation>
    </message>
    <message>
        <source>{0}: the file is too big to open ({1}; the limit is {2}, set {3} or the editor&apos;s preference to raise it)</source>
        <translation>{0}：文件太大，无法打开（{1}；上限为 {2}；可设置 {3} 或在编辑器的偏好设置中提高上限）</translation>
    </message>
</context>
<context>
    <name>FileHandlingMixin</name>
    <message>
        <source>New graph</source>
        <extracomment>A document without positions up to this many nodes is laid out before it is shown (no flash of a provisional placement); a bigger one shows quick columns at once and is laid out on the worker thread, with the busy line and Cancel. Measured on random DAGs: 300 nodes take 0.02 s with dot and 0.09 s with the layered layout, below what reads as a pause; 1,000 nodes take 0.14 s and 0.32 s. 300 is also where the editor&apos;s &quot;small graph&quot; ends (the gradient check reruns on every edit up to there).</extracomment>
        <translation>新建图</translation>
    </message>
    <message>
        <source>Closed {name}</source>
        <translation>已关闭 {name}</translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <source>Example {0}</source>
        <translation>示例 {0}</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>{0} no longer exists, so it was removed from the recent files.</source>
        <translation>{0} 已不存在，已从最近使用的文件中移除。</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <source>Cannot open {name}</source>
        <translation>无法打开 {name}</translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>{0}: {1}: {2}

The open document is unchanged.</source>
        <translation>{0}：{1}：{2}

当前打开的文档没有改变。</translation>
    </message>
    <message>
        <source>Cannot save the file</source>
        <translation>无法保存文件</translation>
    </message>
    <message>
        <source>Nothing was lost: the graph is still open; try another place with Save As.</source>
        <translation>没有丢失任何内容：图仍然打开着；请用“另存为”换一个位置试试。</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
</context>
<context>
    <name>FileLoader</name>
    <message>
        <source>Opening {0} ({1} MB)…</source>
        <extracomment>What runs on the worker thread: ``read(path, max_bytes, cancel) -&gt; GraphDocument``.</extracomment>
        <translation>正在打开 {0}（{1} MB）…</translation>
    </message>
    <message>
        <source>Opening {0} cancelled; the graph is unchanged</source>
        <translation>已取消打开 {0}；图保持不变</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find a node by label or id</source>
        <translation>按标签或 id 查找节点</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>没有匹配项</translation>
    </message>
    <message>
        <source>{k} of {n}</source>
        <translation>第 {k} 个，共 {n} 个</translation>
    </message>
</context>
<context>
    <name>FlowLegendWidget</name>
    <message>
        <source>Gradient flow</source>
        <extracomment>Cut sentences in the legend&apos;s tooltip (its text counts them all). what the canvas shows while on (``None`` when off): see ``flow_looks``.</extracomment>
        <translation>梯度流</translation>
    </message>
    <message>
        <source>Press Backward (Ctrl+B) to see where the gradient flows.</source>
        <translation>按反向传播（Ctrl+B）查看梯度流向何处。</translation>
    </message>
    <message>
        <source>No output node: set one (right-click a node), then press Backward.</source>
        <translation>没有输出节点：先设置一个（右键单击节点），再按反向传播。</translation>
    </message>
    <message>
        <source>|grad| along each edge, log scale</source>
        <translation>每条边上的 |grad|，对数刻度</translation>
    </message>
    <message>
        <source>No edge carries any gradient.</source>
        <translation>没有任何边传递梯度。</translation>
    </message>
    <message>
        <source>no gradient along this edge</source>
        <translation>这条边上没有梯度</translation>
    </message>
    <message>
        <source>grad exactly 0: {0}</source>
        <translation>梯度恰好为 0：{0}</translation>
    </message>
    <message numerus="yes">
        <source>gradient stops here: %n input(s)</source>
        <translation>
            <numerusform>梯度在此中断：%n 个输入</numerusform>
        </translation>
    </message>
    <message>
        <source>gradient is nan: {0}</source>
        <translation>梯度为 nan：{0}</translation>
    </message>
</context>
<context>
    <name>ForwardStepper</name>
    <message>
        <source>the graph is empty</source>
        <translation>图是空的</translation>
    </message>
    <message>
        <source>Nothing to step through: {0}</source>
        <translation>没有可单步执行的内容：{0}</translation>
    </message>
    <message>
        <source>Stepping through forward mode: {0} steps. F10 step, Shift+F10 back</source>
        <translation>单步执行前向模式：共 {0} 步。F10 下一步，Shift+F10 上一步</translation>
    </message>
    <message>
        <source>tangent = 1 (seed)</source>
        <translation>切向量 = 1（种子）</translation>
    </message>
</context>
<context>
    <name>FunctionCommands</name>
    <message>
        <source>Group into Function</source>
        <translation>组合为函数</translation>
    </message>
    <message>
        <source>Ungroup</source>
        <translation>取消组合</translation>
    </message>
    <message>
        <source>Make Unique</source>
        <translation>独立为副本</translation>
    </message>
</context>
<context>
    <name>FunctionDialogs</name>
    <message>
        <source>Neuron (n inputs, activation)</source>
        <translation>神经元（n 个输入，激活函数）</translation>
    </message>
    <message>
        <source>Layer (inputs, outputs, activation)</source>
        <translation>层（输入数，输出数，激活函数）</translation>
    </message>
    <message>
        <source>MLP (inputs, layer sizes)</source>
        <translation>MLP（输入数，各层大小）</translation>
    </message>
    <message>
        <source>Squared error</source>
        <translation>平方误差</translation>
    </message>
    <message>
        <source>Hinge (max-margin)</source>
        <translation>Hinge（最大间隔）</translation>
    </message>
    <message>
        <source>Binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>Softmax + cross-entropy (k scores)</source>
        <translation>Softmax + 交叉熵（k 个得分）</translation>
    </message>
    <message>
        <source>Add function {0}</source>
        <translation>添加函数 {0}</translation>
    </message>
    <message>
        <source>Import functions</source>
        <translation>导入函数</translation>
    </message>
    <message>
        <source>New Function from Expression</source>
        <translation>从表达式新建函数</translation>
    </message>
    <message>
        <source>Write name(parameters) = expression</source>
        <translation>写成 名称(参数) = 表达式</translation>
    </message>
    <message>
        <source>{0}({1}): {2} nodes; autograd gives its derivative</source>
        <translation>{0}({1})：{2} 个节点；自动微分会给出它的导数</translation>
    </message>
    <message>
        <source>Insert Template</source>
        <translation>插入模板</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Inputs (or k scores)</source>
        <translation>输入数（或 k 个得分）</translation>
    </message>
    <message>
        <source>Outputs (layer)</source>
        <translation>输出数（层）</translation>
    </message>
    <message>
        <source>Layer sizes (MLP)</source>
        <translation>各层大小（MLP）</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>layer sizes are whole numbers separated by commas</source>
        <translation>各层大小应为用逗号分隔的整数</translation>
    </message>
    <message>
        <source>Cannot build the template</source>
        <translation>无法生成模板</translation>
    </message>
    <message>
        <source>Export functions</source>
        <translation>导出函数</translation>
    </message>
    <message>
        <source>This graph has no functions to export.</source>
        <translation>这个图中没有可导出的函数。</translation>
    </message>
    <message>
        <source>Wrote {0}</source>
        <translation>已写入 {0}</translation>
    </message>
    <message>
        <source>Functions: {0}</source>
        <translation>函数：{0}</translation>
    </message>
</context>
<context>
    <name>FunctionNotes</name>
    <message>
        <source>nothing is selected: select the nodes to group into a function</source>
        <translation>没有选中任何节点：请选择要组合成函数的节点</translation>
    </message>
    <message>
        <source>a function called {0} already exists</source>
        <translation>已经有一个名为 {0} 的函数</translation>
    </message>
    <message>
        <source>{0} is not a function node</source>
        <translation>{0} 不是函数节点</translation>
    </message>
    <message>
        <source>the selection has {0} outputs ({1}); a function returns one value: add the nodes that combine them, or group them separately</source>
        <translation>所选部分有 {0} 个输出（{1}）；一个函数只返回一个值：请加入把它们合并起来的节点，或分别组合</translation>
    </message>
    <message>
        <source>cannot group these nodes: {0} is fed by the selection and feeds it too, so the function would feed itself; add it to the selection</source>
        <translation>无法组合这些节点：{0} 既接收所选部分的输出，又为所选部分提供输入，组合后函数会依赖自身；请把它也加入所选部分</translation>
    </message>
    <message>
        <source>write a function as name(parameters) = expression, for example softplus(x) = log(1 + exp(x))</source>
        <translation>请按“名称(参数) = 表达式”的格式书写函数，例如 softplus(x) = log(1 + exp(x))</translation>
    </message>
    <message>
        <source>{0} is a built-in op already; choose another name</source>
        <translation>{0} 已经是内置运算，请换一个名称</translation>
    </message>
    <message>
        <source>{0} is not a parameter name</source>
        <translation>{0} 不是合法的参数名</translation>
    </message>
    <message>
        <source>a parameter is listed twice</source>
        <translation>有参数重复列出</translation>
    </message>
    <message>
        <source>{0}() needs at least one parameter</source>
        <translation>{0}() 至少需要一个参数</translation>
    </message>
    <message>
        <source>the parameter {0} is not used in the expression</source>
        <translation>参数 {0} 没有在表达式中用到</translation>
    </message>
</context>
<context>
    <name>FunctionTools</name>
    <message>
        <source>Function path</source>
        <extracomment>(document, function node id) for every level opened, outermost first</extracomment>
        <translation>函数路径</translation>
    </message>
    <message>
        <source>Inside {0}: edits change every instance of {1}</source>
        <translation>位于 {0} 内部：编辑会改变 {1} 的每一个实例</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>Cannot group these nodes</source>
        <translation>无法组合这些节点</translation>
    </message>
    <message>
        <source>Cannot ungroup</source>
        <translation>无法取消组合</translation>
    </message>
    <message>
        <source>Cannot make it unique</source>
        <translation>无法将其独立为副本</translation>
    </message>
</context>
<context>
    <name>GradCheckPanel</name>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Analytic grad</source>
        <translation>解析梯度</translation>
    </message>
    <message>
        <source>Central difference</source>
        <translation>中心差分</translation>
    </message>
    <message>
        <source>Abs error</source>
        <translation>绝对误差</translation>
    </message>
    <message>
        <source>Rel error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <source>PyTorch grad</source>
        <translation>PyTorch 梯度</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Run&lt;/b&gt; to compare every grad with central differences and PyTorch.</source>
        <extracomment>Graphs up to this many nodes are checked again after every edit (while shown). Graphs up to this many nodes are checked on the GUI thread when PyTorch is imported already (or missing): a 300-node graph takes about 3 ms with the cross-check, and the table then never flickers through a busy state on every edit. The first check that would import PyTorch (1-2 s) always goes to the worker. The busy line appears only for checks that take longer than this.</extracomment>
        <translation>按&lt;b&gt;运行&lt;/b&gt;，将每个梯度与中心差分和 PyTorch 的结果比较。</translation>
    </message>
    <message>
        <source>✓ pass</source>
        <translation>✓ 通过</translation>
    </message>
    <message>
        <source>≈ kink</source>
        <translation>≈ 拐点</translation>
    </message>
    <message>
        <source>? undefined</source>
        <translation>? 无定义</translation>
    </message>
    <message>
        <source>? cannot check</source>
        <translation>? 无法检查</translation>
    </message>
    <message>
        <source>✗ FAIL</source>
        <translation>✗ 失败</translation>
    </message>
    <message>
        <source>Run</source>
        <extracomment>what checks the document; same signature as :func:`gradcheck` (tests slow it).</extracomment>
        <translation>运行</translation>
    </message>
    <message>
        <source>Check every grad now (Ctrl+Shift+C)</source>
        <translation>立即检查每个梯度（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the check (Esc)</source>
        <translation>停止检查（Esc）</translation>
    </message>
    <message>
        <source>Check cancelled. Press &lt;b&gt;Run&lt;/b&gt; to check again.</source>
        <translation>检查已取消。按&lt;b&gt;运行&lt;/b&gt;重新检查。</translation>
    </message>
    <message>
        <source> The table shows the previous check.</source>
        <translation> 表格显示的是上一次检查的结果。</translation>
    </message>
    <message>
        <source>Checking {0} inputs and weights…</source>
        <translation>正在检查 {0} 个输入和权重…</translation>
    </message>
    <message>
        <source>Cannot check: {0}.</source>
        <translation>无法检查：{0}。</translation>
    </message>
    <message>
        <source>PyTorch column: {0}</source>
        <translation>PyTorch 列：{0}</translation>
    </message>
    <message>
        <source>PyTorch&apos;s grad differs from the analytic grad</source>
        <translation>PyTorch 的梯度与解析梯度不同</translation>
    </message>
    <message>
        <source>The central difference agrees with the analytic grad.</source>
        <translation>中心差分与解析梯度一致。</translation>
    </message>
    <message>
        <source>Not smooth here (e.g. relu at 0); the analytic grad matches a one-sided difference.</source>
        <translation>此处不光滑（例如 relu 在 0 处）；解析梯度与单侧差分一致。</translation>
    </message>
    <message>
        <source>The output is undefined within the step (nan/inf): finite differences cannot judge this one.</source>
        <translation>在步长范围内输出无定义（nan/inf）：有限差分无法判断这一项。</translation>
    </message>
    <message>
        <source>Cannot check numerically: at this magnitude the step is lost in the output&apos;s rounding, so the difference cannot judge the grad (PyTorch still does).</source>
        <translation>无法用数值方法检查：在这个数量级上，步长被输出的舍入误差吞没，差分无法判断梯度（PyTorch 仍然可以判断）。</translation>
    </message>
    <message>
        <source>The analytic grad disagrees with the central difference: a wrong local derivative?</source>
        <translation>解析梯度与中心差分不一致：局部导数有误？</translation>
    </message>
    <message numerus="yes">
        <source>%n input(s) and weights</source>
        <translation>
            <numerusform>%n 个输入和权重</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} of {1} inputs and weights (an even sample)</source>
        <translation>{1} 个输入和权重中的 {0} 个（均匀抽样）</translation>
    </message>
    <message>
        <source>✓ Passed</source>
        <translation>✓ 通过</translation>
    </message>
    <message>
        <source>central differences and PyTorch {0} (float64)</source>
        <translation>中心差分及 PyTorch {0}（float64）</translation>
    </message>
    <message>
        <source>central differences (PyTorch not installed)</source>
        <translation>中心差分（未安装 PyTorch）</translation>
    </message>
    <message>
        <source>{0} agree with {1}.</source>
        <translation>{0}与{1}一致。</translation>
    </message>
    <message>
        <source>✗ Failed</source>
        <translation>✗ 未通过</translation>
    </message>
    <message>
        <source>{0} of {1} disagree with central differences</source>
        <translation>{1}中有 {0} 个与中心差分不一致</translation>
    </message>
    <message numerus="yes">
        <source>PyTorch {0} disagrees on %n value(s)</source>
        <translation>
            <numerusform>PyTorch {0} 有 %n 个值不一致</numerusform>
        </translation>
    </message>
    <message>
        <source>step {0}·max(1, |value|); pass when |analytic − numeric| ≤ {1} + {2}·|grad|</source>
        <translation>步长 {0}·max(1, |value|)；当 |analytic − numeric| ≤ {1} + {2}·|grad| 时通过</translation>
    </message>
    <message>
        <source>&lt;b&gt;The graph changed while it was being checked.&lt;/b&gt; Press &lt;b&gt;Run&lt;/b&gt; to check again.</source>
        <translation>&lt;b&gt;检查期间图发生了改变。&lt;/b&gt;按&lt;b&gt;运行&lt;/b&gt;重新检查。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The graph changed since this check.&lt;/b&gt; Press &lt;b&gt;Run&lt;/b&gt; to check again (big graphs are not rechecked on every edit).</source>
        <translation>&lt;b&gt;自这次检查以来图已改变。&lt;/b&gt;按&lt;b&gt;运行&lt;/b&gt;重新检查（大图不会在每次编辑后自动重新检查）。</translation>
    </message>
</context>
<context>
    <name>GradientCheckNotes</name>
    <message>
        <source>the graph has no output node: set one, or leave a single sink</source>
        <translation>图中没有输出节点：请设置一个，或只保留一个末端节点</translation>
    </message>
    <message>
        <source>the output {0} has no value</source>
        <translation>输出 {0} 没有值</translation>
    </message>
    <message>
        <source>the output {0} has no value: {1}</source>
        <translation>输出 {0} 没有值：{1}</translation>
    </message>
    <message>
        <source>PyTorch is not installed; add it with: {0}</source>
        <translation>未安装 PyTorch；可用以下命令安装：{0}</translation>
    </message>
    <message>
        <source>PyTorch could not be imported ({0})</source>
        <translation>无法导入 PyTorch（{0}）</translation>
    </message>
</context>
<context>
    <name>GradientFlowNotes</name>
    <message>
        <source>{0} ({1}) passes no gradient to {2}: {3}</source>
        <translation>{0}（{1}）没有把梯度传给 {2}：{3}</translation>
    </message>
    <message>
        <source>1 node has a gradient of exactly 0</source>
        <translation>1 个节点的梯度恰好为 0</translation>
    </message>
    <message>
        <source>{0} nodes have a gradient of exactly 0</source>
        <translation>{0} 个节点的梯度恰好为 0</translation>
    </message>
    <message>
        <source>{0} local gradient for input {1} is 0 here</source>
        <translation>{0} 对输入 {1} 的局部梯度在此处为 0</translation>
    </message>
    <message>
        <source>{0} local gradient for input {1} is 0 here ({2})</source>
        <translation>{0} 对输入 {1} 的局部梯度在此处为 0（{2}）</translation>
    </message>
    <message>
        <source>operand {0} is 0: local gradient 0</source>
        <translation>操作数 {0} 为 0：局部梯度为 0</translation>
    </message>
    <message>
        <source>other operand {0} is 0: local gradient 0</source>
        <translation>另一个操作数 {0} 为 0：局部梯度为 0</translation>
    </message>
    <message>
        <source>{0} input {1} {2} {3}: local gradient 0</source>
        <translation>{0} 的输入 {1} {2} {3}：局部梯度为 0</translation>
    </message>
    <message>
        <source>{0}: local gradient {1} is 0</source>
        <translation>{0}：局部梯度 {1} 为 0</translation>
    </message>
    <message>
        <source>{0} input {1} saturates: local gradient {2} underflows to 0</source>
        <translation>{0} 的输入 {1} 已饱和：局部梯度 {2} 下溢为 0</translation>
    </message>
    <message>
        <source>{0} at {1}: local gradient {2} is 0</source>
        <translation>{0} 在 {1} 处：局部梯度 {2} 为 0</translation>
    </message>
</context>
<context>
    <name>GraphScene</name>
    <message numerus="yes">
        <source>output of {0}: feeds %n input(s)</source>
        <extracomment>Above this many nodes the editor&apos;s scene keeps items only for what is on screen. Up to this many nodes, two nodes never show the same name (the check reads them all).</extracomment>
        <translation>
            <numerusform>{0} 的输出：连接到 %n 个输入</numerusform>
        </translation>
    </message>
    <message>
        <source>fed by {0}</source>
        <translation>来自 {0}</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>{0} of {1}: {2}</source>
        <translation>{1} 的{0}：{2}</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>Set as output</source>
        <translation>设为输出</translation>
    </message>
    <message>
        <source>Edit value</source>
        <translation>编辑值</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Set as Derivative Target</source>
        <translation>设为求导目标</translation>
    </message>
    <message>
        <source>Differentiate With Respect to This</source>
        <translation>对此节点求导</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete edge</source>
        <translation>删除连线</translation>
    </message>
    <message>
        <source>Add node…</source>
        <translation>添加节点…</translation>
    </message>
    <message>
        <source>Fit all</source>
        <translation>全部适合窗口</translation>
    </message>
    <message>
        <source>Add Input</source>
        <translation>添加输入</translation>
    </message>
    <message>
        <source>Remove Input {0}</source>
        <translation>移除输入 {0}</translation>
    </message>
    <message>
        <source>A sum keeps at least {0} inputs</source>
        <translation>求和节点至少保留 {0} 个输入</translation>
    </message>
</context>
<context>
    <name>InspectorWidget</name>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>运算</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>(symbol)</source>
        <translation>（符号）</translation>
    </message>
    <message>
        <source>The name shown on the node. Press Enter to apply.</source>
        <translation>显示在节点上的名称。按 Enter 应用。</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Any finite number: 0.5, -3, 1e-4. Press Enter to apply, Esc to revert.</source>
        <translation>任意有限数：0.5、-3、1e-4。按 Enter 应用，按 Esc 还原。</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Drag sideways to change the value (Shift: finer, Ctrl: coarser)</source>
        <translation>左右拖动以改变数值（Shift：更细，Ctrl：更粗）</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Set as output</source>
        <translation>设为输出</translation>
    </message>
    <message>
        <source>Make this node the root of Backward.</source>
        <translation>让此节点成为反向传播的起点。</translation>
    </message>
    <message>
        <source>{nodes} selected</source>
        <extracomment>The user asked for a node to become the output (after the command was pushed). The derivative button: make the node the ``&quot;target&quot;`` (an op) or ``&quot;wrt&quot;`` (a leaf).</extracomment>
        <translation>已选择 {nodes}</translation>
    </message>
    <message>
        <source>Select a single node to edit its label or value.</source>
        <translation>选择单个节点以编辑其标签或值。</translation>
    </message>
    <message>
        <source>No selection</source>
        <translation>未选择</translation>
    </message>
    <message>
        <source>Select a node on the canvas to see its data and grad and to edit its label or value.</source>
        <translation>在画布上选择一个节点，查看它的 data 和 grad，并编辑它的标签或值。</translation>
    </message>
    <message>
        <source>op · {0}   {1}</source>
        <translation>运算 · {0}   {1}</translation>
    </message>
    <message>
        <source>This is the output</source>
        <translation>这是输出</translation>
    </message>
    <message>
        <source>Differentiate With Respect to This</source>
        <translation>对此节点求导</translation>
    </message>
    <message>
        <source>Set as Derivative Target</source>
        <translation>设为求导目标</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>   (stale: press Backward)</source>
        <translation>   （已过时：请按反向传播）</translation>
    </message>
</context>
<context>
    <name>Interaction</name>
    <message>
        <source>Reconnect {0}</source>
        <translation>重新连接 {0}</translation>
    </message>
    <message>
        <source>Connect {0} to a new input</source>
        <translation>将 {0} 连接到新的输入</translation>
    </message>
</context>
<context>
    <name>LayoutNotes</name>
    <message>
        <source>the Graphviz &apos;dot&apos; program was not found on PATH; install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz, macOS: brew install graphviz, Windows: winget install graphviz) and try again</source>
        <translation>在 PATH 中找不到 Graphviz 的 dot 程序；请安装 Graphviz（Debian/Ubuntu：sudo apt-get install graphviz；macOS：brew install graphviz；Windows：winget install graphviz）后重试</translation>
    </message>
    <message>
        <source>Used the layered layout: {0}.</source>
        <translation>已改用分层布局：{0}。</translation>
    </message>
    <message>
        <source>Graphviz dot did not finish within {0} s; used the layered layout.</source>
        <translation>Graphviz dot 未能在 {0} 秒内完成；已改用分层布局。</translation>
    </message>
    <message>
        <source>Graphviz dot failed ({0}); used the layered layout.</source>
        <translation>Graphviz dot 运行失败（{0}）；已改用分层布局。</translation>
    </message>
</context>
<context>
    <name>LayoutProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the layout; nothing moves (Esc)</source>
        <translation>停止布局；节点不会移动（Esc）</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>New graph</source>
        <extracomment>Emitted once the window has really closed (after any unsaved-changes prompt). The current file changed (path, or &apos;&apos; for an untitled document). The open file, watched: reloads, the question when both changed, its bar. Big files load on a worker thread, with a busy line and Cancel.</extracomment>
        <translation>新建图</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>组件面板</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>About {0}</source>
        <extracomment>The language the window&apos;s texts were made in (View &gt; Language offers a restart). Step-through backward, gradient flow, gradient check, Backward semantics. Reverse / Forward mode, the derivative target and wrt, the Forward &amp; Reverse panel. Graph &gt; Training: the Training dock, its trainer and its undo steps. Graph &gt; Group / Ungroup / Make Unique, opening functions, the breadcrumb bar. New Function from Expression, Insert Template, function library files. Arrange &gt; Auto Layout (worker thread, Cancel, one undo step); File &gt; Export pictures.</extracomment>
        <translation>关于 {0}</translation>
    </message>
    <message>
        <source>Drawing {0}…</source>
        <translation>正在绘制 {0}…</translation>
    </message>
    <message>
        <source> (example)</source>
        <translation>（示例）</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <source>Backward needs an output: select a node and choose Graph &gt; Set as Output</source>
        <translation>反向传播需要一个输出：选择一个节点，然后选择“图 &gt; 设为输出”</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>无值</translation>
    </message>
    <message>
        <source>Backward from {0} = {1}{2}</source>
        <translation>从 {0} = {1} 开始反向传播{2}</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>示例(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>Image &amp;Scale</source>
        <translation>图片缩放(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Graph</source>
        <translation>图(&amp;G)</translation>
    </message>
    <message>
        <source>S&amp;tep Through Backward</source>
        <translation>单步反向传播(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Derivatives</source>
        <translation>导数(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Arrange</source>
        <translation>排列(&amp;A)</translation>
    </message>
    <message>
        <source>Layout &amp;Engine</source>
        <translation>布局引擎(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>No examples found</source>
        <translation>找不到示例</translation>
    </message>
</context>
<context>
    <name>ModesPanel</name>
    <message>
        <source>Differentiate</source>
        <translation>求导对象</translation>
    </message>
    <message>
        <source>with respect to</source>
        <translation>针对</translation>
    </message>
    <message>
        <source>Choose what to differentiate and the input.</source>
        <translation>请选择要求导的节点和输入。</translation>
    </message>
    <message>
        <source>Reverse mode: d {0}/d {1} = {2}   (grad of {1}, backward from {0})</source>
        <translation>反向模式：d {0}/d {1} = {2}   （{1} 的梯度，从 {0} 反向传播）</translation>
    </message>
    <message>
        <source>Forward mode: d {0}/d {1} = {2}   (tangent of {0}, with dot({1}) = 1)</source>
        <translation>前向模式：d {0}/d {1} = {2}   （{0} 的切向量，取 dot({1}) = 1）</translation>
    </message>
    <message>
        <source>Both modes agree.</source>
        <translation>两种模式结果一致。</translation>
    </message>
    <message>
        <source>The modes differ beyond rounding: this is a bug.</source>
        <translation>两种模式的差异超出了舍入误差：这是一个程序错误。</translation>
    </message>
    <message>
        <source>The whole gradient of {0} ({1} inputs and weights): reverse mode needs {2} backward pass, forward mode {3} forward passes, one per input.</source>
        <translation>{0} 的完整梯度（{1} 个输入和权重）：反向模式需要 {2} 次反向传递，前向模式需要 {3} 次前向传递，每个输入一次。</translation>
    </message>
    <message>
        <source>Press F10 to step through forward mode.</source>
        <translation>按 F10 单步执行前向模式。</translation>
    </message>
</context>
<context>
    <name>NavigationMixin</name>
    <message>
        <source>Fit keeps the text readable; the rest of the graph is a pan away (middle button or Space+drag)</source>
        <translation>适合窗口时保持文字可读；图的其余部分可通过平移查看（鼠标中键或空格+拖动）</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>weight, trainable</source>
        <translation>权重，可训练</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>  (press Backward)</source>
        <translation>  （请按反向传播）</translation>
    </message>
    <message>
        <source>  (stale: the graph changed since the last Backward)</source>
        <translation>  （已过时：自上次反向传播以来图已改变）</translation>
    </message>
    <message>
        <source>Output: backward starts here</source>
        <translation>输出：反向传播从这里开始</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>input {0}</source>
        <translation>输入 {0}</translation>
    </message>
    <message>
        <source>WEIGHT</source>
        <extracomment>The derivative&apos;s target / wrt tag: the gradient orange of the step-through highlights.</extracomment>
        <translation>权重</translation>
    </message>
    <message>
        <source>INPUT</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>OUTPUT</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>no path</source>
        <extracomment>Graphs of up to this many nodes always paint every text, at any zoom, and Fit keeps them readable (scrolling rather than shrinking); the zoomed-out block drawing is for bigger ones. The smallest node text (labels, data, grad) Fit shows a detailed graph at, in pixels.</extracomment>
        <translation>无路径</translation>
    </message>
</context>
<context>
    <name>OpenProgress</name>
    <message>
        <source>Cancel</source>
        <extracomment>Files bigger than this (bytes) load on the worker thread. The 8.5 MB demo (65,818 nodes) reads and parses in about half a second; 4 MB is where a pause starts to show.</extracomment>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop opening the file; the open graph stays as it is (Esc)</source>
        <translation>停止打开文件；当前打开的图保持原样（Esc）</translation>
    </message>
</context>
<context>
    <name>OutputStatus</name>
    <message>
        <source>Empty graph: drag nodes from the palette</source>
        <translation>空图：从组件面板拖入节点</translation>
    </message>
    <message>
        <source>&lt;i&gt;No output&lt;/i&gt;: select a node and choose Set as Output</source>
        <translation>&lt;i&gt;没有输出&lt;/i&gt;：选择一个节点，然后选择“设为输出”</translation>
    </message>
    <message>
        <source>output &lt;b&gt;{0}&lt;/b&gt; = {1}</source>
        <translation>输出 &lt;b&gt;{0}&lt;/b&gt; = {1}</translation>
    </message>
    <message>
        <source>(grads stale)</source>
        <translation>（梯度已过时）</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Input</source>
        <extracomment>The leaf kinds, before the ops: (kind, title, what it is).</extracomment>
        <translation>输入</translation>
    </message>
    <message>
        <source>a value fed into the graph (x1, x2 ...)</source>
        <translation>送入计算图的值（x1、x2 …）</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>a trainable parameter (w, b ...) that training updates</source>
        <translation>训练时会更新的可训练参数（w、b …）</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>算术</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Drag onto the canvas, or double-click.</source>
        <translation>拖到画布上，或双击。</translation>
    </message>
</context>
<context>
    <name>PaletteWidget</name>
    <message>
        <source>Filter nodes…  (tanh, ×, exp)</source>
        <extracomment>``(kind, op)``: the user asked for this node at the centre of the view.</extracomment>
        <translation>筛选节点…  （tanh、×、exp）</translation>
    </message>
    <message>
        <source>Functions in this file</source>
        <translation>本文件中的函数</translation>
    </message>
    <message>
        <source>function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Function {0}: drag onto the canvas, or double-click.</source>
        <translation>函数 {0}：拖到画布上，或双击。</translation>
    </message>
</context>
<context>
    <name>Picture</name>
    <message>
        <source>the graph is empty: there is nothing to draw</source>
        <extracomment>Scene units of empty space around the drawing. Larger images are scaled down (what image viewers and QImage handle comfortably). A big graph&apos;s overview (:func:`overview_picture`) makes PNGs up to this many pixels a side: its boxes are a pixel or two at most, and drawing 126,854 edges across a bigger image took 20 s. Larger graphs make SVGs of plain shapes (no text); see :func:`svg_bytes`. What the functions below draw: a scene, or a big document&apos;s overview without one.</extracomment>
        <translation>图是空的：没有可以绘制的内容</translation>
    </message>
    <message>
        <source>cannot make a {0} x {1} image (out of memory?)</source>
        <translation>无法生成 {0} x {1} 的图片（内存不足？）</translation>
    </message>
    <message>
        <source>Qt could not encode the PNG</source>
        <translation>Qt 无法编码 PNG</translation>
    </message>
    <message>
        <source>Qt could not start the SVG</source>
        <translation>Qt 无法开始生成 SVG</translation>
    </message>
</context>
<context>
    <name>PictureExporter</name>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>Graphviz DOT (*.dot *.gv);;All files (*)</source>
        <translation>Graphviz DOT (*.dot *.gv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Select the nodes to export first</source>
        <translation>请先选择要导出的节点</translation>
    </message>
    <message>
        <source>Nothing to export: the graph is empty</source>
        <translation>没有可导出的内容：图是空的</translation>
    </message>
    <message>
        <source>Export selection as image</source>
        <translation>将所选部分导出为图片</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>Cannot export the image</source>
        <translation>无法导出图片</translation>
    </message>
    <message>
        <source>{0}: pictures are PNG or SVG; end the name in .png or .svg.</source>
        <translation>{0}：图片只能是 PNG 或 SVG；请让文件名以 .png 或 .svg 结尾。</translation>
    </message>
    <message>
        <source> (scaled to {0}x to stay under the size limit)</source>
        <translation>（已缩放到 {0}x，以免超出尺寸限制）</translation>
    </message>
    <message>
        <source> (shapes without text: over {0})</source>
        <translation>（只有图形没有文字：超过 {0}）</translation>
    </message>
    <message>
        <source>Exported {0} to {1}</source>
        <translation>已将 {0} 导出到 {1}</translation>
    </message>
    <message>
        <source>Export DOT</source>
        <translation>导出 DOT</translation>
    </message>
    <message>
        <source>Exported DOT to {0} (draw it as laid out: neato -n2 -Tsvg)</source>
        <translation>已将 DOT 导出到 {0}（按现有布局绘制：neato -n2 -Tsvg）</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>{0}: {1}. Nothing was written.</source>
        <translation>{0}：{1}。没有写入任何内容。</translation>
    </message>
</context>
<context>
    <name>PortCommands</name>
    <message>
        <source>Add Input</source>
        <translation>添加输入</translation>
    </message>
    <message>
        <source>Remove Input</source>
        <translation>移除输入</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <extracomment>The settings were stored (the window applies them: the autosave interval).</extracomment>
        <translation>首选项</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Open refuses bigger files: they take minutes and gigabytes to read</source>
        <translation>打开时会拒绝更大的文件：读取它们需要几分钟和数 GB 内存</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Unsaved work is written to a recovery file after this many seconds without an edit; after a crash it is offered back</source>
        <translation>停止编辑这么多秒后，未保存的工作会写入恢复文件；程序崩溃后会提供恢复</translation>
    </message>
    <message>
        <source>Largest file to open:</source>
        <translation>可打开的最大文件：</translation>
    </message>
    <message>
        <source>Autosave unsaved work after:</source>
        <translation>自动保存未保存的工作的间隔：</translation>
    </message>
    <message>
        <source>Set to {0} by the environment variable {1}, which wins.</source>
        <translation>已由环境变量 {1} 设为 {0}，以该变量为准。</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Drag a node from the palette, or press Tab to add one</source>
        <translation>从组件面板拖入一个节点，或按 Tab 添加节点</translation>
    </message>
    <message>
        <source>No output node: the graph has several ends. Right-click the node to differentiate and choose “Set as output”.</source>
        <extracomment>After a forward, the backward plan is compiled once the editor has been idle this long.</extracomment>
        <translation>没有输出节点：这个图有多个终点。右键单击要求导的节点，选择“设为输出”。</translation>
    </message>
    <message>
        <source>Missing input</source>
        <translation>缺少输入</translation>
    </message>
    <message>
        <source>Not a number</source>
        <translation>不是数字（NaN）</translation>
    </message>
    <message>
        <source>Infinite value</source>
        <translation>值为无穷大</translation>
    </message>
    <message>
        <source>Gradient is not a number</source>
        <translation>梯度不是数字（NaN）</translation>
    </message>
    <message>
        <source>Infinite gradient</source>
        <translation>梯度为无穷大</translation>
    </message>
    <message>
        <source>Tangent is not a number</source>
        <translation>切向量不是数字（NaN）</translation>
    </message>
    <message>
        <source>Infinite tangent</source>
        <translation>切向量为无穷大</translation>
    </message>
    <message>
        <source>input {0} is not connected</source>
        <translation>输入 {0} 未连接</translation>
    </message>
    <message>
        <source>inputs {0} and {1} are not connected</source>
        <translation>输入 {0} 和 {1} 未连接</translation>
    </message>
    <message>
        <source>no value: {0} cannot be computed yet</source>
        <translation>没有值：{0} 还无法计算</translation>
    </message>
    <message>
        <source>input {0} of {1} is not connected</source>
        <translation>{1} 的输入 {0} 未连接</translation>
    </message>
    <message>
        <source>function {0} has no output node</source>
        <translation>函数 {0} 没有输出节点</translation>
    </message>
    <message>
        <source>no output node: set one, or leave a single sink</source>
        <translation>没有输出节点：请设置一个，或只保留一个末端节点</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>the result is too large for a float</source>
        <translation>结果太大，超出了浮点数的范围</translation>
    </message>
    <message>
        <source>undefined here</source>
        <translation>在此处无定义</translation>
    </message>
    <message>
        <source>gradient is {0}: it comes through {1}</source>
        <translation>梯度为 {0}：它经由 {1} 传来</translation>
    </message>
    <message>
        <source>{0} ({1}), whose local derivative is not finite here</source>
        <translation>{0}（{1}），其局部导数在此处不是有限值</translation>
    </message>
    <message>
        <source>{0} ({1}), whose local derivative is not finite here ({2})</source>
        <translation>{0}（{1}），其局部导数在此处不是有限值（{2}）</translation>
    </message>
    <message>
        <source>tangent is {0}: the local derivative of {1} is not finite here</source>
        <translation>切向量为 {0}：{1} 的局部导数在此处不是有限值</translation>
    </message>
    <message>
        <source>tangent is {0}: the local derivative of {1} is not finite here ({2})</source>
        <translation>切向量为 {0}：{1} 的局部导数在此处不是有限值（{2}）</translation>
    </message>
    <message>
        <source>inside, at {0}: {1}</source>
        <translation>在函数内部的 {0} 处：{1}</translation>
    </message>
    <message>
        <source>b = 0 gives ±inf (or nan for 0/0)</source>
        <translation>b = 0 时得到 ±inf（0/0 得到 nan）</translation>
    </message>
    <message>
        <source>a &lt; 0 with a fractional b is nan; 0 to a negative power is inf</source>
        <translation>a &lt; 0 且 b 为小数时为 nan；0 的负数次幂为 inf</translation>
    </message>
    <message>
        <source>overflows to inf above a ≈ 709.78</source>
        <translation>a 超过约 709.78 时溢出为 inf</translation>
    </message>
    <message>
        <source>a &lt; 0 is nan; a = 0 is −inf</source>
        <translation>a &lt; 0 时为 nan；a = 0 时为 −inf</translation>
    </message>
    <message>
        <source>a &lt; 0 is nan; the derivative at 0 is inf</source>
        <translation>a &lt; 0 时为 nan；在 0 处导数为 inf</translation>
    </message>
</context>
<context>
    <name>QtDialogs</name>
    <message>
        <source>Autograd Studio graphs (*.agraph);;All files (*)</source>
        <translation>Autograd Studio 计算图 (*.agraph);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open graph</source>
        <translation>打开计算图</translation>
    </message>
    <message>
        <source>Save graph as</source>
        <translation>计算图另存为</translation>
    </message>
    <message>
        <source>Import a dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to “{0}” before closing it?</source>
        <translation>关闭前是否保存对“{0}”的更改？</translation>
    </message>
    <message>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation>如果不保存，您的更改将会丢失。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>{0} was changed by another program, and your graph has unsaved changes. Which version do you want?</source>
        <translation>{0} 已被其他程序更改，而您的图有未保存的更改。要使用哪个版本？</translation>
    </message>
    <message>
        <source>Reload shows the file&apos;s version (Undo Reload brings yours back); Keep Mine replaces the file when you save.</source>
        <translation>“重新载入”显示文件中的版本（“撤销重新载入”可找回您的版本）；“保留我的”会在保存时替换该文件。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Keep Mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Autograd Studio speaks {0} from its next start. Restart now?</source>
        <translation>Autograd Studio 将在下次启动时使用{0}。现在重启吗？</translation>
    </message>
    <message>
        <source>Unsaved changes are asked about first; the graph opens again.</source>
        <translation>会先询问未保存的更改；重启后会重新打开当前的图。</translation>
    </message>
    <message>
        <source>Restart Now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>Autograd Studio did not close properly. Restore the unsaved changes to {0} (autosaved {1})?</source>
        <translation>Autograd Studio 上次没有正常关闭。要恢复对 {0} 的未保存更改吗（自动保存于 {1}）？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>File changed on disk</source>
        <translation>文件已在磁盘上被更改</translation>
    </message>
    <message>
        <source>{0} was changed by another program since it was opened. Overwrite those changes with yours?</source>
        <translation>{0} 在打开后被其他程序更改过。要用您的更改覆盖它们吗？</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
</context>
<context>
    <name>QuickAdd</name>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>A value fed in</source>
        <translation>送入的值</translation>
    </message>
    <message>
        <source>A trainable parameter</source>
        <translation>可训练的参数</translation>
    </message>
</context>
<context>
    <name>QuickAddPopup</name>
    <message>
        <source>Add node: name, symbol or formula</source>
        <translation>添加节点：名称、符号或公式</translation>
    </message>
</context>
<context>
    <name>ScriptExport</name>
    <message>
        <source>Python scripts (*.py);;All files (*)</source>
        <translation>Python 脚本 (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export Python script</source>
        <translation>导出 Python 脚本</translation>
    </message>
    <message>
        <source>Export PyTorch script</source>
        <translation>导出 PyTorch 脚本</translation>
    </message>
    <message>
        <source>The graph cannot become a script: {0}.</source>
        <translation>无法把这个图转换为脚本：{0}。</translation>
    </message>
    <message>
        <source>Cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <source>Wrote {0}: run it with python {1}</source>
        <translation>已写入 {0}：用 python {1} 运行它</translation>
    </message>
</context>
<context>
    <name>Sentences</name>
    <message>
        <source>{0} and {1}</source>
        <extracomment>key -&gt; (translation context, English template with ``{0}``-style placeholders).</extracomment>
        <translation>{0} 和 {1}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Add a node at the cursor (quick-add search)</source>
        <translation>在光标处添加节点（快速添加搜索）</translation>
    </message>
    <message>
        <source>Tab / double-click empty canvas</source>
        <translation>Tab / 双击画布空白处</translation>
    </message>
    <message>
        <source>Connect two nodes</source>
        <translation>连接两个节点</translation>
    </message>
    <message>
        <source>drag from an output port to an input port</source>
        <translation>从输出端口拖到输入端口</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>middle drag / Space + drag</source>
        <translation>鼠标中键拖动 / 空格 + 拖动</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <source>Edit a node&apos;s value or label</source>
        <translation>编辑节点的值或标签</translation>
    </message>
    <message>
        <source>double-click the node</source>
        <translation>双击节点</translation>
    </message>
    <message>
        <source>&lt;p&gt;Build scalar autograd graphs by hand, press &lt;b&gt;Backward&lt;/b&gt;, and watch &lt;code&gt;data&lt;/code&gt; and &lt;code&gt;grad&lt;/code&gt; appear on every node.&lt;/p&gt;&lt;p&gt;Graphs are plain &lt;code&gt;.agraph&lt;/code&gt; JSON files; the same graphs work from Python (&lt;code&gt;from autograd_studio import Node, load, show&lt;/code&gt;) and the &lt;code&gt;autograd-studio&lt;/code&gt; command line.&lt;/p&gt;</source>
        <translation>&lt;p&gt;亲手搭建标量自动微分计算图，按下&lt;b&gt;反向传播&lt;/b&gt;，看着 &lt;code&gt;data&lt;/code&gt; 和 &lt;code&gt;grad&lt;/code&gt; 出现在每个节点上。&lt;/p&gt;&lt;p&gt;计算图就是普通的 &lt;code&gt;.agraph&lt;/code&gt; JSON 文件；同样的图也可以在 Python（&lt;code&gt;from autograd_studio import Node, load, show&lt;/code&gt;）和 &lt;code&gt;autograd-studio&lt;/code&gt; 命令行中使用。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>graph</source>
        <translation>图</translation>
    </message>
</context>
<context>
    <name>StudioActions</name>
    <message>
        <source>Graphviz dot up to 1,000 nodes when it is installed, else the layered layout</source>
        <translation>已安装 Graphviz 时，1,000 个节点以内用 dot，否则用分层布局</translation>
    </message>
    <message>
        <source>Graphviz dot: the neatest pictures; slow past a few thousand nodes</source>
        <translation>Graphviz dot：图最整齐；超过几千个节点时较慢</translation>
    </message>
    <message>
        <source>The layered layout: no Graphviz needed, seconds even for 65,000 nodes</source>
        <translation>分层布局：不需要 Graphviz，即使 65,000 个节点也只需几秒</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty graph</source>
        <translation>新建一个空图</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an .agraph file</source>
        <translation>打开 .agraph 文件</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the graph</source>
        <translation>保存计算图</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save under a new name</source>
        <translation>以新名称保存</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Close the graph (the window stays, empty)</source>
        <translation>关闭计算图（窗口保留，变为空白）</translation>
    </message>
    <message>
        <source>&amp;Clear Recent Files</source>
        <translation>清除最近打开的文件(&amp;C)</translation>
    </message>
    <message>
        <source>Forget the recent files</source>
        <translation>清除最近打开的文件列表</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>Cut the selected nodes</source>
        <translation>剪切所选节点</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected nodes</source>
        <translation>复制所选节点</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Paste nodes from the clipboard</source>
        <translation>从剪贴板粘贴节点</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>创建副本(&amp;U)</translation>
    </message>
    <message>
        <source>Duplicate the selection</source>
        <translation>为所选内容创建副本</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected nodes</source>
        <translation>删除所选节点</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Select every node</source>
        <translation>选择所有节点</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Find a node by its label or id</source>
        <translation>按标签或 id 查找节点</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>首选项(&amp;F)…</translation>
    </message>
    <message>
        <source>The largest file to open and how soon unsaved work is autosaved</source>
        <translation>可打开的最大文件，以及多快自动保存未保存的工作</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom to 100%</source>
        <translation>缩放到 100%</translation>
    </message>
    <message>
        <source>&amp;Fit Graph</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole graph</source>
        <translation>显示整个图</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>Light or dark as the system is</source>
        <translation>与系统一致的浅色或深色</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>Always the light theme</source>
        <translation>始终使用浅色主题</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Always the dark theme</source>
        <translation>始终使用深色主题</translation>
    </message>
    <message>
        <source>The language of the system</source>
        <translation>使用系统的语言</translation>
    </message>
    <message>
        <source>&amp;Backward</source>
        <translation>反向传播(&amp;B)</translation>
    </message>
    <message>
        <source>Run backward from the output node and show every grad</source>
        <translation>从输出节点开始反向传播，并显示每个梯度</translation>
    </message>
    <message>
        <source>Set as &amp;Output</source>
        <translation>设为输出(&amp;O)</translation>
    </message>
    <message>
        <source>Make the selected node the root of Backward</source>
        <translation>让所选节点成为反向传播的起点</translation>
    </message>
    <message>
        <source>&amp;Reverse Mode</source>
        <translation>反向模式(&amp;R)</translation>
    </message>
    <message>
        <source>Reverse mode: Backward gives d(target)/d(every node) in one pass</source>
        <translation>反向模式：一次反向传播得到 d(目标)/d(每个节点)</translation>
    </message>
    <message>
        <source>&amp;Forward Mode</source>
        <translation>前向模式(&amp;F)</translation>
    </message>
    <message>
        <source>Forward mode: every node shows d(node)/d(input) from one forward pass</source>
        <translation>前向模式：一次前向传递后每个节点显示 d(节点)/d(输入)</translation>
    </message>
    <message>
        <source>Set as Derivative &amp;Target</source>
        <translation>设为求导目标(&amp;T)</translation>
    </message>
    <message>
        <source>Differentiate the selected node in reverse mode (instead of the output)</source>
        <translation>在反向模式下对所选节点求导（代替输出节点）</translation>
    </message>
    <message>
        <source>Differentiate &amp;With Respect To</source>
        <translation>对此求导(&amp;W)</translation>
    </message>
    <message>
        <source>Forward mode: tangents d(node)/d(the selected node) on every node</source>
        <translation>前向模式：在每个节点上显示切向量 d(节点)/d(所选节点)</translation>
    </message>
    <message>
        <source>Compare &amp;Modes</source>
        <translation>比较两种模式(&amp;M)</translation>
    </message>
    <message>
        <source>Both modes&apos; number for (target, input) side by side, and the passes each needs</source>
        <translation>并排显示两种模式对（目标，输入）给出的数值，以及各自需要的传递次数</translation>
    </message>
    <message>
        <source>&amp;Add Node…</source>
        <translation>添加节点(&amp;A)…</translation>
    </message>
    <message>
        <source>Search for a node to add (Tab on the canvas)</source>
        <translation>搜索要添加的节点（在画布上按 Tab）</translation>
    </message>
    <message>
        <source>&amp;Zero Grad</source>
        <translation>梯度清零(&amp;Z)</translation>
    </message>
    <message>
        <source>Set every grad to 0</source>
        <translation>将所有梯度设为 0</translation>
    </message>
    <message>
        <source>Acc&amp;umulate Grads</source>
        <translation>累加梯度(&amp;U)</translation>
    </message>
    <message>
        <source>Backward sums onto the grads shown, as micrograd&apos;s backward() does (off: reset first)</source>
        <translation>反向传播把梯度累加到已显示的梯度上，就像 micrograd 的 backward() 那样（关闭时先清零）</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>Run the next node&apos;s local backward</source>
        <translation>执行下一个节点的局部反向传播</translation>
    </message>
    <message>
        <source>Step &amp;Back</source>
        <translation>后退一步(&amp;B)</translation>
    </message>
    <message>
        <source>Undo the last step</source>
        <translation>撤销上一步</translation>
    </message>
    <message>
        <source>&amp;Reset to Seed</source>
        <translation>回到种子(&amp;R)</translation>
    </message>
    <message>
        <source>Back to grad(output) = 1</source>
        <translation>回到 grad(输出) = 1</translation>
    </message>
    <message>
        <source>Run to &amp;End</source>
        <translation>运行到结束(&amp;E)</translation>
    </message>
    <message>
        <source>Run every remaining step</source>
        <translation>执行剩下的所有步骤</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Step automatically (Pause: F5)</source>
        <translation>自动单步执行（暂停：F5）</translation>
    </message>
    <message>
        <source>S&amp;top Stepping</source>
        <translation>停止单步执行(&amp;T)</translation>
    </message>
    <message>
        <source>Leave the step-through</source>
        <translation>退出单步执行</translation>
    </message>
    <message>
        <source>Gradient &amp;Flow</source>
        <translation>梯度流(&amp;F)</translation>
    </message>
    <message>
        <source>Edges by how much gradient they carry; zero-grad nodes dimmed; cuts explained</source>
        <translation>按传递的梯度大小绘制连线；梯度为零的节点变淡；解释梯度在哪里被截断</translation>
    </message>
    <message>
        <source>&amp;Check Gradients</source>
        <translation>检查梯度(&amp;C)</translation>
    </message>
    <message>
        <source>Compare every grad with central differences and PyTorch</source>
        <translation>将每个梯度与中心差分和 PyTorch 的结果比较</translation>
    </message>
    <message>
        <source>&amp;Training…</source>
        <translation>训练(&amp;T)…</translation>
    </message>
    <message>
        <source>Train the weights on a dataset: loss plot, decision boundary, Step / Play / Reset</source>
        <translation>在数据集上训练权重：损失曲线、决策边界、单步 / 播放 / 重置</translation>
    </message>
    <message>
        <source>Python &amp;Expression…</source>
        <translation>Python 表达式(&amp;E)…</translation>
    </message>
    <message>
        <source>A new graph from an expression such as relu(w1*x1 + w2*x2 + b)</source>
        <translation>从表达式新建计算图，例如 relu(w1*x1 + w2*x2 + b)</translation>
    </message>
    <message>
        <source>&amp;Python Script (Autograd Studio)…</source>
        <translation>Python 脚本（Autograd Studio）(&amp;P)…</translation>
    </message>
    <message>
        <source>A script that rebuilds the graph with this engine and prints every grad</source>
        <translation>用本引擎重建计算图并打印每个梯度的脚本</translation>
    </message>
    <message>
        <source>Py&amp;Torch Script…</source>
        <translation>PyTorch 脚本(&amp;T)…</translation>
    </message>
    <message>
        <source>A script that rebuilds the graph with PyTorch and prints every grad</source>
        <translation>用 PyTorch 重建计算图并打印每个梯度的脚本</translation>
    </message>
    <message>
        <source>&amp;Image (PNG, SVG)…</source>
        <translation>图片（PNG、SVG）(&amp;I)…</translation>
    </message>
    <message>
        <source>The graph as annotated on the canvas, as a PNG or SVG picture</source>
        <translation>把画布上标注好的计算图保存为 PNG 或 SVG 图片</translation>
    </message>
    <message>
        <source>&amp;Selection as Image…</source>
        <translation>所选部分导出为图片(&amp;S)…</translation>
    </message>
    <message>
        <source>The selected nodes as annotated on the canvas, as a PNG or SVG picture</source>
        <translation>把画布上标注好的所选节点保存为 PNG 或 SVG 图片</translation>
    </message>
    <message>
        <source>&amp;DOT (Graphviz)…</source>
        <translation>DOT（Graphviz）(&amp;D)…</translation>
    </message>
    <message>
        <source>Graphviz source: micrograd-style records with data and grad, at the canvas&apos;s places</source>
        <translation>Graphviz 源文件：micrograd 风格的记录节点，带有 data 和 grad，位置与画布一致</translation>
    </message>
    <message>
        <source>&amp;Auto Layout</source>
        <translation>自动布局(&amp;A)</translation>
    </message>
    <message>
        <source>Arrange the graph from left to right</source>
        <translation>将计算图从左到右排列</translation>
    </message>
    <message>
        <source>&amp;Automatic</source>
        <translation>自动(&amp;A)</translation>
    </message>
    <message>
        <source>Graphviz &amp;dot</source>
        <translation>Graphviz dot(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Layered</source>
        <translation>分层(&amp;L)</translation>
    </message>
    <message>
        <source>A&amp;nimate Layout</source>
        <translation>布局动画(&amp;N)</translation>
    </message>
    <message>
        <source>Glide the nodes to their new places (small graphs)</source>
        <translation>让节点平滑地移动到新位置（小图）</translation>
    </message>
    <message>
        <source>&amp;1x</source>
        <translation>&amp;1x</translation>
    </message>
    <message>
        <source>PNG pictures with 1 pixel(s) per canvas unit</source>
        <translation>PNG 图片，每个画布单位 1 个像素</translation>
    </message>
    <message>
        <source>&amp;2x</source>
        <translation>&amp;2x</translation>
    </message>
    <message>
        <source>PNG pictures with 2 pixel(s) per canvas unit</source>
        <translation>PNG 图片，每个画布单位 2 个像素</translation>
    </message>
    <message>
        <source>&amp;4x</source>
        <translation>&amp;4x</translation>
    </message>
    <message>
        <source>PNG pictures with 4 pixel(s) per canvas unit</source>
        <translation>PNG 图片，每个画布单位 4 个像素</translation>
    </message>
    <message>
        <source>&amp;Transparent Background</source>
        <translation>透明背景(&amp;T)</translation>
    </message>
    <message>
        <source>Pictures without the canvas&apos;s background colour</source>
        <translation>图片不带画布的背景色</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>List every shortcut</source>
        <translation>列出所有快捷键</translation>
    </message>
    <message>
        <source>&amp;About Autograd Studio</source>
        <translation>关于 Autograd Studio(&amp;A)</translation>
    </message>
    <message>
        <source>Version and credits</source>
        <translation>版本和致谢</translation>
    </message>
    <message>
        <source>&amp;Palette</source>
        <extracomment>The show/hide actions of the docks: Qt makes them (``QDockWidget.toggleViewAction``), and :meth:`StudioActions.adopt` gives them these looks and shortcuts, so they are chosen here with every other one.</extracomment>
        <translation>组件面板(&amp;P)</translation>
    </message>
    <message>
        <source>Show or hide the palette</source>
        <translation>显示或隐藏组件面板</translation>
    </message>
    <message>
        <source>&amp;Inspector</source>
        <translation>检查器(&amp;I)</translation>
    </message>
    <message>
        <source>Show or hide the inspector</source>
        <translation>显示或隐藏检查器</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史记录(&amp;H)</translation>
    </message>
    <message>
        <source>Show every edit; click one to go back to it</source>
        <translation>显示每一次编辑；单击其中一项可回到那一步</translation>
    </message>
    <message>
        <source>&amp;Backprop Panel</source>
        <translation>反向传播面板(&amp;B)</translation>
    </message>
    <message>
        <source>Show or hide the Backprop panel</source>
        <translation>显示或隐藏反向传播面板</translation>
    </message>
    <message>
        <source>&amp;Gradient Check Panel</source>
        <translation>梯度检查面板(&amp;G)</translation>
    </message>
    <message>
        <source>Show or hide the Gradient Check panel</source>
        <translation>显示或隐藏梯度检查面板</translation>
    </message>
    <message>
        <source>F&amp;orward and Reverse Panel</source>
        <translation>前向与反向面板(&amp;O)</translation>
    </message>
    <message>
        <source>Show or hide the Forward and Reverse panel</source>
        <translation>显示或隐藏前向与反向面板</translation>
    </message>
    <message>
        <source>&amp;Training Panel</source>
        <translation>训练面板(&amp;T)</translation>
    </message>
    <message>
        <source>Show or hide the Training panel</source>
        <translation>显示或隐藏训练面板</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>撤销上一次编辑</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>seed</source>
        <extracomment>The speed slider&apos;s stops, in steps per second.</extracomment>
        <translation>种子</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Change Training Setup</source>
        <translation>更改训练设置</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>Choose a dataset and a loss node first.</source>
        <translation>请先选择数据集和损失节点。</translation>
    </message>
    <message>
        <source>steps/s</source>
        <translation>步/秒</translation>
    </message>
    <message>
        <source>step {0} · loss {1:.4g}</source>
        <translation>第 {0} 步 · 损失 {1:.4g}</translation>
    </message>
    <message>
        <source>The loss is {0}: lower the learning rate and press Reset.</source>
        <translation>损失为 {0}：请降低学习率并按“重置”。</translation>
    </message>
    <message>
        <source>Train 1 step</source>
        <translation>训练 1 步</translation>
    </message>
    <message>
        <source>Train {0} steps</source>
        <translation>训练 {0} 步</translation>
    </message>
    <message>
        <source>Reset Weights</source>
        <translation>重置权重</translation>
    </message>
</context>
<context>
    <name>TrainingNotes</name>
    <message>
        <source>{0} {1}</source>
        <translation>{0}{1}</translation>
    </message>
    <message>
        <source>Every weight&apos;s gradient is exactly 0 on the only row, so training cannot move any weight, whatever the learning rate.</source>
        <translation>在唯一的一行数据上，每个权重的梯度都恰好为 0，所以无论学习率是多少，训练都无法改变任何权重。</translation>
    </message>
    <message>
        <source>Every weight&apos;s gradient is exactly 0 on every one of the {0} rows, so training cannot move any weight, whatever the learning rate.</source>
        <translation>在全部 {0} 行数据上，每个权重的梯度都恰好为 0，所以无论学习率是多少，训练都无法改变任何权重。</translation>
    </message>
    <message>
        <source>No weight feeds the loss node.</source>
        <translation>没有任何权重连到损失节点。</translation>
    </message>
    <message>
        <source>ReLU {0} outputs 0 on every row: its input is at most 0 everywhere (from {1} to {2}), and a ReLU passes no gradient where its output is 0, so the weights behind it never learn (a dead ReLU). Start from weights or a bias that make its input positive on some rows.</source>
        <translation>ReLU {0} 在每一行上的输出都是 0：它的输入处处不大于 0（从 {1} 到 {2}），而 ReLU 在输出为 0 处不传递梯度，所以它前面的权重永远学不到东西（“死亡 ReLU”）。请换一组权重或偏置作为起点，让它的输入在某些行上为正。</translation>
    </message>
    <message>
        <source>{0} {1} passes no gradient to {2} on any row: its local derivative is 0 there (saturated, or multiplied by 0).</source>
        <translation>{0} {1} 在任何一行上都没有把梯度传给 {2}：它在那里的局部导数为 0（已饱和，或乘以了 0）。</translation>
    </message>
    <message>
        <source>no prediction node is set</source>
        <translation>没有设置预测节点</translation>
    </message>
    <message>
        <source>the loss node {0} is not in the graph</source>
        <translation>损失节点 {0} 不在图中</translation>
    </message>
    <message>
        <source>the prediction node {0} is not in the graph</source>
        <translation>预测节点 {0} 不在图中</translation>
    </message>
    <message>
        <source>the loss node {0} has no value: {1}</source>
        <translation>损失节点 {0} 没有值：{1}</translation>
    </message>
    <message>
        <source>the prediction node {0} has no value: {1}</source>
        <translation>预测节点 {0} 没有值：{1}</translation>
    </message>
    <message>
        <source>the dataset has no column {0} (bound to {1})</source>
        <translation>数据集中没有列 {0}（它绑定到 {1}）</translation>
    </message>
    <message>
        <source>column {0} is bound to {1}, which is not in the graph</source>
        <translation>列 {0} 绑定到 {1}，但该节点不在图中</translation>
    </message>
    <message>
        <source>column {0} is bound to {1}, a {2}: columns feed input nodes only</source>
        <translation>列 {0} 绑定到 {1}（一个 {2} 节点）：数据列只能连到输入节点</translation>
    </message>
    <message>
        <source>the target column {0} is not in the dataset</source>
        <translation>目标列 {0} 不在数据集中</translation>
    </message>
    <message>
        <source>the dataset has no rows</source>
        <translation>数据集中没有任何行</translation>
    </message>
    <message>
        <source>{0}: cannot read the file: {1}</source>
        <translation>{0}：无法读取文件：{1}</translation>
    </message>
    <message>
        <source>{0}: the file is not UTF-8 text</source>
        <translation>{0}：文件不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>{0}: the file is empty</source>
        <translation>{0}：文件是空的</translation>
    </message>
    <message>
        <source>{0}: row {1}: column {2} has no name</source>
        <translation>{0}：第 {1} 行：第 {2} 列没有名称</translation>
    </message>
    <message>
        <source>{0}: row {1}: the first row must name the columns, not hold numbers ({2})</source>
        <translation>{0}：第 {1} 行：第一行必须是列名，而不是数字（{2}）</translation>
    </message>
    <message>
        <source>{0}: row {1}: the column {2} appears twice</source>
        <translation>{0}：第 {1} 行：列 {2} 出现了两次</translation>
    </message>
    <message>
        <source>{0}: row {1}: expected {2} values (one per column), got {3}</source>
        <translation>{0}：第 {1} 行：应有 {2} 个值（每列一个），实际有 {3} 个</translation>
    </message>
    <message>
        <source>{0}: row {1}, column {2}: {3} is not a number</source>
        <translation>{0}：第 {1} 行，列 {2}：{3} 不是数字</translation>
    </message>
    <message>
        <source>{0}: row {1}, column {2}: {3} is not a finite number</source>
        <translation>{0}：第 {1} 行，列 {2}：{3} 不是有限数</translation>
    </message>
    <message>
        <source>{0}: no rows of data below the column names</source>
        <translation>{0}：列名下面没有数据行</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>Linear decay (micrograd)</source>
        <translation>线性衰减（micrograd）</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <source>At most this many steps a second while playing</source>
        <translation>播放时每秒最多运行的步数</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>Loss node</source>
        <translation>损失节点</translation>
    </message>
    <message>
        <source>Prediction node</source>
        <translation>预测节点</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>L2 (alpha)</source>
        <translation>L2（alpha）</translation>
    </message>
    <message>
        <source>Steps per run</source>
        <translation>每次运行步数</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>No dataset: generate one or import a CSV file.</source>
        <translation>没有数据集：请生成一个或导入 CSV 文件。</translation>
    </message>
    <message>
        <source> (the first {0} shown)</source>
        <translation>（显示前 {0} 行）</translation>
    </message>
    <message>
        <source>{0} rows</source>
        <translation>{0} 行</translation>
    </message>
    <message>
        <source>Column {0} feeds</source>
        <translation>列 {0} 输入到</translation>
    </message>
    <message>
        <source>{0!r} is not a number; the cell keeps its value.</source>
        <translation>{0!r} 不是数字；单元格保持原值。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>ValueText</name>
    <message>
        <source>Type a number, such as 0.5, -3 or 1e-4.</source>
        <translation>请输入一个数，例如 0.5、-3 或 1e-4。</translation>
    </message>
    <message>
        <source>“{0}” could mean a thousand or a decimal: type it without the comma ({1}) or with a point ({2}).</source>
        <translation>“{0}”可能表示一千，也可能是小数：请去掉逗号（{1}）或改用小数点（{2}）。</translation>
    </message>
    <message>
        <source>“{0}” is not a number. Try 0.5, -3 or 1e-4.</source>
        <translation>“{0}”不是一个数。试试 0.5、-3 或 1e-4。</translation>
    </message>
    <message>
        <source>A value must be a finite number, not {0}.</source>
        <translation>值必须是有限数，不能是 {0}。</translation>
    </message>
    <message>
        <source>“{0}” is too small for a 64-bit float (it would be stored as 0); the smallest is about 5e-324.</source>
        <translation>“{0}”太小，64 位浮点数无法表示（会被存为 0）；最小约为 5e-324。</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n 个节点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edge(s)</source>
        <translation>
            <numerusform>%n 条边</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected node(s)</source>
        <translation>
            <numerusform>%n 个所选节点</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Cannot restore {0}</source>
        <extracomment>The environment variable that overrides the setting (tests shorten it). Seconds of idle time before an unsaved document is written to its recovery file.</extracomment>
        <translation>无法恢复 {0}</translation>
    </message>
</context>
</TS>
